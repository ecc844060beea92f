// First pass: finds the title and lays the body out as a tree of numbered items by their marker
// (一、 > （一） > 1. > （1）), keeping each item's raw lines. A level the document skips is simply
// absent: items attach to the nearest item of a higher level. Deciding what the items mean
// (chapters, sections, measures, targets, checklists) is left to parse.ts.
import { parseHeading, planTitle, type HeadingKind } from './headings';
import { isFooterStart, isFullLine, isHeaderChrome, type PreparedLines } from './layout';
import { joinParagraph } from './text';

export interface OutlineNode {
  kind: HeadingKind;
  number: number;
  /** The heading text (without its marker) followed by its continuation lines. */
  lines: string[];
  /** How many of `lines` form the heading itself (more than 1 when a PDF wrapped it). */
  headingLines: number;
  children: OutlineNode[];
}

export interface Outline {
  title: string;
  year: number;
  /** Paragraphs between the title and the first item (preface, sometimes a 主要目标 paragraph). */
  preamble: string[];
  /** The top level of the body: chapters, or the highest level the document uses. */
  nodes: OutlineNode[];
  wrapWidth?: number;
}

export const LEVEL: Readonly<Record<HeadingKind, number>> = { chapter: 1, section: 2, measure: 3, sub: 4 };

/** Undefined when no line is a plan title. */
export function outlineDocument(prepared: PreparedLines): Outline | undefined {
  const { lines } = prepared;
  const start = findBodyStart(lines);
  if (!start) return undefined;
  const bodyStart = start.firstItemIndex ?? lines.length;
  const preamble = paragraphs(
    lines.slice(start.titleEnd, bodyStart).filter((line, i) => line && !isChrome(prepared, start.titleEnd + i)),
    prepared.wrapWidth,
  ).map(joinParagraph);
  const nodes = start.firstItemIndex === undefined ? [] : outlineBody(prepared, start.firstItemIndex, start.title);
  return { title: start.title, year: start.year, preamble, nodes, wrapWidth: prepared.wrapWidth };
}

interface BodyStart {
  title: string;
  year: number;
  /** The line after the title (a title may take two lines in a PDF). */
  titleEnd: number;
  firstItemIndex?: number;
}

/** A title on this line, or on this line and the next (a PDF wraps a long title). */
function titleAt(lines: readonly string[], i: number): { title: string; year: number; end: number } | undefined {
  const line = lines[i];
  if (!line || parseHeading(line)) return undefined;
  const one = planTitle(line);
  if (one) return { ...one, end: i + 1 };
  const next = lines[i + 1];
  if (next && !parseHeading(next) && line.length + next.length <= 80) {
    const two = planTitle(line + next);
    if (two) return { ...two, end: i + 2 };
  }
  return undefined;
}

/**
 * The title is the last title-like line before the first top-level item: link lists and
 * breadcrumbs above it may name other years' plans, and the real heading sits right above the
 * text. Items before any title are page navigation. The top level is 一、 when the document has
 * chapters, else the highest level it uses.
 */
function findBodyStart(lines: readonly string[]): BodyStart | undefined {
  const titles: Array<{ title: string; year: number; index: number; end: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const found = titleAt(lines, i);
    if (found) titles.push({ ...found, index: i });
  }
  if (titles.length === 0) return undefined;
  let top = Infinity;
  for (let i = titles[0].end; i < lines.length; i++) {
    const heading = lines[i] ? parseHeading(lines[i]) : undefined;
    if (heading) top = Math.min(top, LEVEL[heading.kind]);
  }
  let title = undefined as (typeof titles)[number] | undefined;
  let t = 0;
  for (let i = 0; i < lines.length; i++) {
    while (t < titles.length && titles[t].index === i) {
      title = titles[t];
      t++;
    }
    if (title && i >= title.end) {
      const heading = lines[i] ? parseHeading(lines[i]) : undefined;
      if (heading && LEVEL[heading.kind] === top) return { title: title.title, year: title.year, titleEnd: title.end, firstItemIndex: i };
    }
  }
  const last = titles[titles.length - 1];
  return { title: last.title, year: last.year, titleEnd: last.end };
}

function isChrome(prepared: PreparedLines, i: number): boolean {
  return isHeaderChrome(prepared.lines[i]) || isHeaderChrome(prepared.raw[i]);
}

function isFooter(prepared: PreparedLines, i: number): boolean {
  return isFooterStart(prepared.lines[i]) || isFooterStart(prepared.raw[i]);
}

function outlineBody(prepared: PreparedLines, from: number, title: string): OutlineNode[] {
  const { lines, wrapWidth } = prepared;
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heading = parseHeading(line);
    if (!heading) {
      if (isFooter(prepared, i)) break;
      // The plan's name again: a PDF's running header on the next page.
      if (isChrome(prepared, i) || line === title || planTitle(line)?.title === title) continue;
      const current = stack[stack.length - 1];
      if (!current) continue;
      // A heading the PDF wrapped: the line before filled the page width.
      if (current.headingLines === current.lines.length && isFullLine(current.lines[current.lines.length - 1], wrapWidth)) current.headingLines += 1;
      current.lines.push(line);
      continue;
    }
    const node: OutlineNode = { kind: heading.kind, number: heading.number, lines: [heading.text], headingLines: 1, children: [] };
    while (stack.length > 0 && LEVEL[stack[stack.length - 1].kind] >= LEVEL[heading.kind]) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

/** Lines → paragraphs: every line is one, unless the text is hard-wrapped (then full lines carry on). */
export function paragraphs(lines: readonly string[], wrapWidth: number | undefined): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    current.push(line);
    if (!isFullLine(line, wrapWidth)) {
      result.push(current);
      current = [];
    }
  }
  if (current.length) result.push(current);
  return result;
}

export function stripFinalStop(text: string): string {
  return text.replace(/[。.．]+$/, '').trim();
}
