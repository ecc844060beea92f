// parsePlan: text of a 工作要点 document → Plan. Pure: no I/O, deterministic.
import { PlanParseError } from './errors';
import { extractQuantities } from './quantities';
import { outlineDocument, stripFinalStop, type OutlineChapter, type OutlineItem } from './outline';
import { joinParagraph, looksBinary, splitFirstSentence, splitTrimmedLines } from './text';
import type { Chapter, Measure, Plan, Section, TargetIndicator } from './types';

/** A chapter about goals (主要目标指标, 目标任务) whose items are paragraphs, not measures. */
const TARGET_CHAPTER_TITLE = /目标|指标/;

export function parsePlan(text: string): Plan {
  const content = text.replace(/^\ufeff/, '');
  if (content.trim() === '') throw new PlanParseError('empty');
  if (looksBinary(content)) throw new PlanParseError('binary');

  const outline = outlineDocument(splitTrimmedLines(content));
  if (!outline) throw new PlanParseError('no_title');

  const codes = new UniqueCodes();
  const targets: TargetIndicator[] = [];
  const chapters: Chapter[] = [];
  for (const outlineChapter of outline.chapters) {
    const chapterCode = codes.claim(String(outlineChapter.number));
    if (isTargetChapter(outlineChapter)) {
      targets.push(...targetIndicators(outlineChapter, chapterCode, codes));
      continue;
    }
    const chapter = measureChapter(outlineChapter, chapterCode, codes);
    // A chapter without measures (e.g. 总体要求 prose in (一)(二) paragraphs) has nothing to track.
    if (chapter.sections.some((section) => section.measures.length > 0)) chapters.push(chapter);
  }
  if (chapters.length === 0) throw new PlanParseError('no_measures');
  return { year: outline.year, title: outline.title, targets, chapters };
}

function isTargetChapter(chapter: OutlineChapter): boolean {
  return (
    TARGET_CHAPTER_TITLE.test(chapter.title) &&
    chapter.sections.every((section) => section.measures.length === 0) &&
    chapter.sections.length + chapter.looseMeasures.length > 0
  );
}

/** Each (一)(二)… paragraph — or, lacking those, each 1. 2. … item — is one indicator. */
function targetIndicators(chapter: OutlineChapter, chapterCode: string, codes: UniqueCodes): TargetIndicator[] {
  const items: OutlineItem[] = chapter.sections.length > 0 ? chapter.sections : chapter.looseMeasures;
  return items.map((item) => {
    const text = joinParagraph(item.lines);
    return { code: codes.claim(`${chapterCode}.${item.number}`), text, quantities: extractQuantities(text) };
  });
}

function measureChapter(chapter: OutlineChapter, chapterCode: string, codes: UniqueCodes): Chapter {
  const sections: Section[] = [];
  // Measures written straight under the chapter heading get a section numbered 0, so that every
  // measure keeps a three-part code and none is dropped.
  if (chapter.looseMeasures.length > 0) {
    const code = codes.claim(`${chapterCode}.0`);
    sections.push({ code, title: '', measures: chapter.looseMeasures.map((item) => measure(item, code, codes)) });
  }
  for (const section of chapter.sections) {
    const code = codes.claim(`${chapterCode}.${section.number}`);
    // The heading line is the title; a paragraph run on after its first sentence is not.
    const title = stripFinalStop(splitFirstSentence(joinParagraph(section.lines)).first);
    sections.push({ code, title, measures: section.measures.map((item) => measure(item, code, codes)) });
  }
  return { code: chapterCode, title: chapter.title, sections };
}

function measure(item: OutlineItem, sectionCode: string, codes: UniqueCodes): Measure {
  const text = joinParagraph(item.lines);
  const { first, rest } = splitFirstSentence(text);
  return { code: codes.claim(`${sectionCode}.${item.number}`), title: first, body: rest, quantities: extractQuantities(text) };
}

/** Codes are references into the document; two items with one code would make them ambiguous. */
class UniqueCodes {
  private readonly seen = new Set<string>();

  claim(code: string): string {
    if (this.seen.has(code)) throw new PlanParseError('duplicate_code', code);
    this.seen.add(code);
    return code;
  }
}
