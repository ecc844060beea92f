// Corrections an admin makes to a parsed plan before importing it (预览并修改后导入): a line moved up or
// down a level, an item split in two. Pure, on the plan's outline as the preview shows it; the edited
// plan is validated as a whole when it is imported. Codes stay human: a new item takes the next free
// number where it lands, nothing else is renumbered.

export interface EditableMeasure {
  code: string;
  title: string;
  body: string;
  subItems?: string[];
}

export interface EditableOutline<M extends EditableMeasure = EditableMeasure> {
  chapters: Array<{ code: string; title: string; sections: Array<{ code: string; title: string; measures: M[] }> }>;
}

/** The next free code under `prefix` (`<prefix>.<n>`, after the highest number already taken there). */
export function nextFreeCode(prefix: string, taken: Iterable<string>): string {
  const numbers = [...taken].filter((c) => c.startsWith(`${prefix}.`) && !c.slice(prefix.length + 1).includes('.')).map((c) => Number(c.slice(prefix.length + 1)));
  const max = numbers.filter(Number.isFinite).reduce((a, b) => Math.max(a, b), 0);
  return `${prefix}.${max + 1}`;
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

/**
 * 降为分项: the measure becomes a checklist item of the measure before it in its section (its title and
 * body one line, its own sub-items after it). Refused (unchanged) for a section's first measure.
 */
export function demoteToSubItem<M extends EditableMeasure>(plan: EditableOutline<M>, code: string): boolean {
  const found = locate(plan, code);
  if (!found || found.at === 0) return false;
  const previous = found.section.measures[found.at - 1];
  const line = `${sentence(found.measure.title)}${found.measure.body}`.trim();
  previous.subItems = [...(previous.subItems ?? []), line, ...(found.measure.subItems ?? [])];
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
