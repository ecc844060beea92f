// Corrections an admin makes to a parsed plan before importing it (预览并修改后导入), and the way a plan
// is built or amended by hand: a line moved up or down a level (章 ⇄ 节 ⇄ 事项 ⇄ 分项), items merged
// or split, measures, sections and chapters added or removed, and the diff against the plan already
// stored. Pure, on the plan's outline as the preview shows it; the edited plan is validated as a whole
// when it is imported. Codes stay human: a line that moves takes the next free number where it lands
// (and what it carries along is numbered under it); nothing else is renumbered.
import { storedMeasureBody } from './plan-import-report';

export interface EditableMeasure {
  code: string;
  title: string;
  body: string;
  subItems?: string[];
}

export interface EditableSection<M extends EditableMeasure = EditableMeasure> {
  code: string;
  title: string;
  measures: M[];
}

export interface EditableChapter<M extends EditableMeasure = EditableMeasure> {
  code: string;
  title: string;
  sections: Array<EditableSection<M>>;
}

export interface EditableOutline<M extends EditableMeasure = EditableMeasure> {
  chapters: Array<EditableChapter<M>>;
}

/** Makes a full measure of the caller's type from the plain parts an edit produces. */
export type MakeMeasure<M extends EditableMeasure> = (base: EditableMeasure) => M;

/** The next free code under `prefix` (`<prefix>.<n>`, after the highest number already taken there). */
export function nextFreeCode(prefix: string, taken: Iterable<string>): string {
  const numbers = [...taken].filter((c) => c.startsWith(`${prefix}.`) && !c.slice(prefix.length + 1).includes('.')).map((c) => Number(c.slice(prefix.length + 1)));
  const max = numbers.filter(Number.isFinite).reduce((a, b) => Math.max(a, b), 0);
  return `${prefix}.${max + 1}`;
}

/** The next free top-level number (a chapter's code). */
function nextTopCode(taken: Iterable<string>): string {
  const numbers = [...taken].filter((c) => /^\d+$/.test(c)).map(Number);
  return String(numbers.reduce((a, b) => Math.max(a, b), 0) + 1);
}

function allCodes(plan: EditableOutline): Set<string> {
  return new Set(plan.chapters.flatMap((c) => [c.code, ...c.sections.flatMap((s) => [s.code, ...s.measures.map((m) => m.code)])]));
}

function locate<M extends EditableMeasure>(plan: EditableOutline<M>, code: string) {
  for (const chapter of plan.chapters)
    for (const section of chapter.sections) {
      const at = section.measures.findIndex((m) => m.code === code);
      if (at >= 0) return { chapter, section, at, measure: section.measures[at] };
    }
  return undefined;
}

const sentence = (text: string) => (text && !/[。；！？.;!?]$/.test(text) ? `${text}。` : text);

/** A measure's text as one checklist line (its title, then its body), followed by its own sub-items. */
const asSubItems = (m: EditableMeasure): string[] => [(m.body.trim() ? `${sentence(m.title)}${m.body}` : m.title).trim(), ...(m.subItems ?? [])].filter(Boolean);

/**
 * 降为分项: the measure becomes a checklist item of the measure before it in its section (its title and
 * body one line, its own sub-items after it). Refused (unchanged) for a section's first measure.
 */
export function demoteToSubItem<M extends EditableMeasure>(plan: EditableOutline<M>, code: string): boolean {
  const found = locate(plan, code);
  if (!found || found.at === 0) return false;
  const previous = found.section.measures[found.at - 1];
  previous.subItems = [...(previous.subItems ?? []), ...asSubItems(found.measure)];
  found.section.measures.splice(found.at, 1);
  return true;
}

/**
 * 升为事项: the measure's sub-item `index` becomes a measure of its own right after it (the next free
 * code of the section); with `all`, every sub-item does (拆分). Returns the new codes.
 */
export function promoteSubItems<M extends EditableMeasure>(plan: EditableOutline<M>, code: string, make: (base: EditableMeasure) => M, index?: number): string[] {
  const found = locate(plan, code);
  const items = found?.measure.subItems ?? [];
  if (!found || items.length === 0) return [];
  const chosen = index === undefined ? items.map((_, i) => i) : [index].filter((i) => i >= 0 && i < items.length);
  const taken = allCodes(plan);
  const created: M[] = chosen.map((i) => {
    const next = nextFreeCode(found.section.code, taken);
    taken.add(next);
    const [title, ...rest] = items[i].split(/(?<=[。；;])/);
    return make({ code: next, title: title.replace(/[。；;]$/, '').trim(), body: rest.join('').trim() });
  });
  found.measure.subItems = items.filter((_, i) => !chosen.includes(i));
  if (found.measure.subItems.length === 0) delete found.measure.subItems;
  found.section.measures.splice(found.at + 1, 0, ...created);
  return created.map((m) => m.code);
}

/**
 * 拆分: a measure without sub-items split at its body's first sentence: the rest becomes a measure of
 * its own right after it, titled by its own first sentence. Returns the new code, or undefined when
 * there is nothing to split off.
 */
export function splitMeasure<M extends EditableMeasure>(plan: EditableOutline<M>, code: string, make: (base: EditableMeasure) => M): string | undefined {
  const found = locate(plan, code);
  if (!found) return undefined;
  if (found.measure.subItems?.length) return promoteSubItems(plan, code, make)[0];
  const parts = found.measure.body.split(/(?<=[。；;])/).filter((p) => p.trim());
  if (parts.length < 2) return undefined;
  const next = nextFreeCode(found.section.code, allCodes(plan));
  const [first, ...rest] = parts.slice(1);
  found.measure.body = parts[0].trim();
  found.section.measures.splice(found.at + 1, 0, make({ code: next, title: first.replace(/[。；;]$/, '').trim(), body: rest.join('').trim() }));
  return next;
}

/** Whether a measure could be a section heading: a title and nothing else. */
export function canBeHeading(measure: EditableMeasure): boolean {
  return !measure.body.trim() && !(measure.subItems?.length);
}

/**
 * 升为节: the measure becomes a section of its chapter (the next free section code), taking the measures
 * after it in its section along (each its next free code there). Refused for a section's first measure
 * (the section itself is that heading) and for a measure with text of its own (a heading has none:
 * split it first). Returns the new section's code.
 */
export function promoteToSection<M extends EditableMeasure>(plan: EditableOutline<M>, code: string): string | undefined {
  const found = locate(plan, code);
  if (!found || found.at === 0 || !canBeHeading(found.measure)) return undefined;
  const sectionCode = nextFreeCode(found.chapter.code, found.chapter.sections.map((s) => s.code));
  const following = found.section.measures.splice(found.at);
  following.shift();
  const measures = following.map((m, i) => ({ ...m, code: `${sectionCode}.${i + 1}` }));
  const position = found.chapter.sections.indexOf(found.section);
  found.chapter.sections.splice(position + 1, 0, { code: sectionCode, title: found.measure.title, measures });
  return sectionCode;
}

/** Whether a measure has something to split off: sub-items, or a body of more than one sentence. */
export function canSplit(measure: EditableMeasure): boolean {
  if (measure.subItems?.length) return true;
  return measure.body.split(/(?<=[。；;])/).filter((p) => p.trim()).length >= 2;
}

/** 并入上一项: the measure's title and body follow the previous measure's body, its sub-items the previous ones. Refused for a section's first measure. */
export function mergeIntoPrevious<M extends EditableMeasure>(plan: EditableOutline<M>, code: string): boolean {
  const found = locate(plan, code);
  if (!found || found.at === 0) return false;
  const previous = found.section.measures[found.at - 1];
  previous.body = `${sentence(previous.body)}${sentence(found.measure.title)}${found.measure.body}`;
  if (found.measure.subItems?.length) previous.subItems = [...(previous.subItems ?? []), ...found.measure.subItems];
  found.section.measures.splice(found.at, 1);
  return true;
}

/** 删除: the measure leaves the outline (a stored one is then reported missing on import, never cancelled by it). */
export function removeMeasure<M extends EditableMeasure>(plan: EditableOutline<M>, code: string): boolean {
  const found = locate(plan, code);
  if (!found) return false;
  found.section.measures.splice(found.at, 1);
  return true;
}

/** The code a new measure of a section takes: after its last measure's number (its numbering kept), else `<section>.1`. */
export function nextMeasureCode(plan: EditableOutline, sectionCode: string): string {
  const section = plan.chapters.flatMap((c) => c.sections).find((s) => s.code === sectionCode);
  const taken = allCodes(plan);
  const last = section?.measures[section.measures.length - 1]?.code;
  const prefix = last ? last.split('.').slice(0, -1).join('.') : sectionCode;
  let n = last ? Number(last.split('.').pop()) + 1 : 1;
  while (taken.has(`${prefix}.${n}`)) n++;
  return `${prefix}.${n}`;
}

/** 添加事项: an empty measure at the end of the section (the admin fills in its title). Returns its code. */
export function addMeasure<M extends EditableMeasure>(plan: EditableOutline<M>, sectionCode: string, make: MakeMeasure<M>): string | undefined {
  const section = plan.chapters.flatMap((c) => c.sections).find((s) => s.code === sectionCode);
  if (!section) return undefined;
  const code = nextMeasureCode(plan, sectionCode);
  section.measures.push(make({ code, title: '', body: '' }));
  return code;
}

/** 添加节: an empty section at the end of the chapter (next free section code). Returns its code. */
export function addSection(plan: EditableOutline, chapterCode: string): string | undefined {
  const chapter = plan.chapters.find((c) => c.code === chapterCode);
  if (!chapter) return undefined;
  const code = nextFreeCode(chapter.code, allCodes(plan));
  chapter.sections.push({ code, title: '', measures: [] });
  return code;
}

/** 添加章: an empty chapter at the end with one empty section (a plan built by hand starts here). Returns the chapter's code. */
export function addChapter(plan: EditableOutline): string {
  const code = nextTopCode(plan.chapters.map((c) => c.code));
  plan.chapters.push({ code, title: '', sections: [{ code: `${code}.1`, title: '', measures: [] }] });
  return code;
}

/** 删除节 / 删除章: only an empty one (its measures are removed or moved first, so nothing goes by accident). */
export function removeEmpty(plan: EditableOutline, code: string): boolean {
  const chapter = plan.chapters.find((c) => c.code === code);
  if (chapter) {
    if (chapter.sections.some((s) => s.measures.length > 0)) return false;
    plan.chapters.splice(plan.chapters.indexOf(chapter), 1);
    return true;
  }
  for (const c of plan.chapters) {
    const section = c.sections.find((s) => s.code === code);
    if (!section) continue;
    if (section.measures.length > 0) return false;
    c.sections.splice(c.sections.indexOf(section), 1);
    return true;
  }
  return false;
}

function locateSection<M extends EditableMeasure>(plan: EditableOutline<M>, code: string) {
  for (const chapter of plan.chapters) {
    const at = chapter.sections.findIndex((s) => s.code === code);
    if (at >= 0) return { chapter, at, section: chapter.sections[at] };
  }
  return undefined;
}

/** A section without a heading of its own: the measures written straight under a chapter (or before its first （一）). */
export function isUntitledSection(section: { title: string }): boolean {
  return !section.title.trim();
}


/**
 * 降为事项: the section's heading becomes a measure at the end of the section before it (or, the
 * chapter's first section, of an untitled section opening the chapter), and the section's measures
 * — a level down with it — become that measure's sub-items. Refused for an untitled section (it has
 * no heading). Returns the new measure's code.
 */
export function demoteSection<M extends EditableMeasure>(plan: EditableOutline<M>, code: string, make: MakeMeasure<M>): string | undefined {
  const found = locateSection(plan, code);
  if (!found || isUntitledSection(found.section)) return undefined;
  const { chapter, at, section } = found;
  chapter.sections.splice(at, 1);
  let target = at > 0 ? chapter.sections[at - 1] : undefined;
  if (!target) {
    // Numbered 0, as the parser numbers the items written before a chapter's first （一）.
    const taken = allCodes(plan);
    target = { code: taken.has(`${chapter.code}.0`) ? nextFreeCode(chapter.code, taken) : `${chapter.code}.0`, title: '', measures: [] };
    chapter.sections.unshift(target);
  }
  const measureCode = nextMeasureCode(plan, target.code);
  const subItems = section.measures.flatMap(asSubItems);
  target.measures.push(make({ code: measureCode, title: section.title.trim(), body: '', ...(subItems.length ? { subItems } : {}) }));
  return measureCode;
}

/** The section's measures renumbered under a new section code (`<section>.<n>`, in order). */
const renumbered = <M extends EditableMeasure>(measures: M[], sectionCode: string): M[] => measures.map((m, i) => ({ ...m, code: `${sectionCode}.${i + 1}` }));

/**
 * 升为章: the section becomes a chapter right after its own (the next free chapter number), taking
 * the sections after it in its chapter along (renumbered under the new chapter); its own measures
 * stand straight under the new chapter (`<chapter>.<n>`, as the parser codes items without a
 * section). Refused for a chapter's first section (the chapter itself is that heading) and for an
 * untitled section. Returns the new chapter's code.
 */
export function promoteSectionToChapter<M extends EditableMeasure>(plan: EditableOutline<M>, code: string): string | undefined {
  const found = locateSection(plan, code);
  if (!found || found.at === 0 || isUntitledSection(found.section)) return undefined;
  const { chapter, at, section } = found;
  const chapterCode = nextTopCode(plan.chapters.map((c) => c.code));
  const following = chapter.sections.splice(at).slice(1);
  const sections: Array<EditableSection<M>> = [];
  if (section.measures.length > 0) sections.push({ code: chapterCode, title: '', measures: renumbered(section.measures, chapterCode) });
  following.forEach((s, i) => {
    const sectionCode = `${chapterCode}.${i + 1}`;
    sections.push({ code: sectionCode, title: s.title, measures: renumbered(s.measures, sectionCode) });
  });
  if (sections.length === 0) sections.push({ code: `${chapterCode}.1`, title: '', measures: [] });
  plan.chapters.splice(plan.chapters.indexOf(chapter) + 1, 0, { code: chapterCode, title: section.title.trim(), sections });
  return chapterCode;
}

/**
 * 降为节: the chapter becomes the last section of the chapter before it (its next free section
 * code); everything under it goes a level down: measures straight under it stay its measures, and
 * each of its own sections becomes a measure whose sub-items are that section's measures. Refused
 * for the first chapter. Returns the new section's code.
 */
export function demoteChapter<M extends EditableMeasure>(plan: EditableOutline<M>, code: string, make: MakeMeasure<M>): string | undefined {
  const at = plan.chapters.findIndex((c) => c.code === code);
  if (at <= 0) return undefined;
  const [chapter] = plan.chapters.splice(at, 1);
  const previous = plan.chapters[at - 1];
  const sectionCode = nextFreeCode(previous.code, allCodes(plan));
  const measures: M[] = [];
  for (const s of chapter.sections) {
    if (isUntitledSection(s)) measures.push(...s.measures);
    else {
      const subItems = s.measures.flatMap(asSubItems);
      measures.push(make({ code: '', title: s.title.trim(), body: '', ...(subItems.length ? { subItems } : {}) }));
    }
  }
  previous.sections.push({ code: sectionCode, title: chapter.title, measures: renumbered(measures, sectionCode) });
  return sectionCode;
}

export interface StoredOutlineMeasure {
  code: string;
  title: string;
  body: string;
}

export interface OutlineDiff {
  /** Measure codes the plan already imported does not have. */
  added: string[];
  changed: Array<{ code: string; before: { title: string; body: string }; after: { title: string; body: string } }>;
  /** Measures stored that the outline no longer has: reported on import and left running. */
  missing: string[];
}

/** Measures added, changed (title or body, compared as the import stores them: the body with its checklist) and missing against the plan already stored. */
export function outlineDiff(measures: ReadonlyArray<EditableMeasure>, stored: readonly StoredOutlineMeasure[]): OutlineDiff {
  const byCode = new Map(stored.map((m) => [m.code, m]));
  const seen = new Set(measures.map((m) => m.code));
  const diff: OutlineDiff = { added: [], changed: [], missing: stored.filter((m) => !seen.has(m.code)).map((m) => m.code) };
  for (const m of measures) {
    const before = byCode.get(m.code);
    if (!before) diff.added.push(m.code);
    else if (before.title !== m.title || before.body !== storedMeasureBody(m)) {
      diff.changed.push({ code: m.code, before: { title: before.title, body: before.body }, after: { title: m.title, body: storedMeasureBody(m) } });
    }
  }
  return diff;
}
