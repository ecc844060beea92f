// First pass: finds the title and lays the body out as chapters → sections → measures, keeping
// each item's raw lines. Deciding what a chapter means (targets or measures) is left to parse.ts.
import { isFooterStart, isHeaderChrome } from './chrome';
import { parseHeading, titleYear } from './headings';

export interface OutlineItem {
  number: number;
  /** The heading text followed by any continuation lines (a wrapped paragraph). */
  lines: string[];
}

export interface OutlineSection extends OutlineItem {
  measures: OutlineItem[];
}

export interface OutlineChapter {
  number: number;
  title: string;
  sections: OutlineSection[];
  /** Numbered items that come before the chapter's first section. */
  looseMeasures: OutlineItem[];
}

export interface Outline {
  title: string;
  year: number;
  chapters: OutlineChapter[];
}

/** Undefined when no line is a plan title. `lines` are already trimmed. */
export function outlineDocument(lines: readonly string[]): Outline | undefined {
  const start = findBodyStart(lines);
  if (!start) return undefined;
  const chapters = start.firstChapterIndex === undefined ? [] : outlineBody(lines, start.firstChapterIndex);
  return { title: lines[start.titleIndex], year: start.year, chapters };
}

interface BodyStart {
  titleIndex: number;
  year: number;
  firstChapterIndex?: number;
}

/**
 * The title is the last title-like line before the first chapter heading: link lists and
 * breadcrumbs above it may name other years' plans, and the real heading sits right above the
 * text. Chapter-like lines before any title are page navigation.
 */
function findBodyStart(lines: readonly string[]): BodyStart | undefined {
  let title: { titleIndex: number; year: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const year = titleYear(lines[i]);
    if (year !== undefined) title = { titleIndex: i, year };
    else if (title && parseHeading(lines[i])?.kind === 'chapter') return { ...title, firstChapterIndex: i };
  }
  return title;
}

function outlineBody(lines: readonly string[], from: number): OutlineChapter[] {
  const chapters: OutlineChapter[] = [];
  let chapter: OutlineChapter | undefined;
  let section: OutlineSection | undefined;
  let current: OutlineItem | undefined; // the item continuation lines belong to

  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heading = parseHeading(line);
    if (!heading) {
      if (isFooterStart(line)) break;
      // Prose directly under a chapter heading (before any section or measure) is an
      // introduction the Plan has no place for.
      if (!isHeaderChrome(line)) current?.lines.push(line);
      continue;
    }
    if (heading.kind === 'chapter') {
      chapter = { number: heading.number, title: stripFinalStop(heading.text), sections: [], looseMeasures: [] };
      chapters.push(chapter);
      section = undefined;
      current = undefined;
    } else if (heading.kind === 'section') {
      section = { number: heading.number, lines: [heading.text], measures: [] };
      chapter?.sections.push(section);
      current = section;
    } else {
      const measure: OutlineItem = { number: heading.number, lines: [heading.text] };
      (section ? section.measures : chapter?.looseMeasures)?.push(measure);
      current = measure;
    }
  }
  return chapters;
}

export function stripFinalStop(text: string): string {
  return text.replace(/[。.．]+$/, '').trim();
}
