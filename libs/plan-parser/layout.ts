// Second look at the lines before the outline is built: undoes what copying a plan out of a web
// page or a PDF does to it. A body pasted as one line is split at its item markers; spaces a PDF
// puts between Chinese characters (`2024 年`, `工 作 要 点`) are removed; page numbers (`- 3 -`,
// `第 3 页`) and running headers repeated on every page are dropped; and the width at which a
// PDF hard-wraps its lines is measured, so a wrapped heading can be glued back together.
import { isFooterStart, isHeaderChrome } from './chrome';
import { parseHeading, planTitle } from './headings';
import { splitTrimmedLines } from './text';

export interface PreparedLines {
  /** Content lines: trimmed, spaces inside Chinese text removed, page furniture blanked ('' ). */
  lines: string[];
  /** The same lines before spaces were removed (chrome patterns such as breadcrumbs need them). */
  raw: string[];
  /** The width PDF text was wrapped at, when most long lines have that length. */
  wrapWidth?: number;
}

const SPACE_RUN = /[ \t\u3000\u00a0]+/g;
/** A Chinese character, CJK or full-width punctuation (not ＞, a breadcrumb arrow), or a digit. */
const CJK = /[\u3400-\u9fff\u3001-\u303f\uff01-\uff1d\uff1f-\uff65\u2460-\u2473\u201c\u201d\u2018\u2019\u2014\u2026]/;
const DIGIT = /[0-9０-９]/;

/** A letter-spaced line (`青 岛 市 2 0 2 2 年 工 作 要 点`): one character between spaces throughout. */
const LETTER_SPACED = /^(?:\S[ \t\u3000\u00a0]+){3,}\S$/;

/** Removes spaces between Chinese characters, and between them and digits: `2024 年` → `2024年`. */
export function collapseCjkSpaces(line: string): string {
  if (LETTER_SPACED.test(line) && CJK.test(line)) return line.replace(SPACE_RUN, '');
  return line.replace(SPACE_RUN, (space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + space.length] ?? '';
    const cjkBefore = CJK.test(before);
    const cjkAfter = CJK.test(after);
    if ((cjkBefore && (cjkAfter || DIGIT.test(after))) || (cjkAfter && DIGIT.test(before))) return '';
    return space;
  });
}

/** A line that holds a whole document body: long, and at least 3 of its space-separated pieces start an item. */
const RUN_ON_MIN_LENGTH = 200;

/** Splits a body pasted as one line at its spaces (Latin words keep theirs). */
export function splitRunOnLine(line: string): string[] {
  if (line.length < RUN_ON_MIN_LENGTH) return [line];
  const pieces = line.split(/(?<![A-Za-z0-9])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?![A-Za-z0-9])/).filter(Boolean);
  const starts = pieces.filter((piece) => parseHeading(piece) !== undefined).length;
  return starts >= 3 ? pieces : [line];
}

/** `- 3 -`, `— 3 —`, `第 3 页`, `第3页 共10页`, `3/10`, a bare `3`. */
const PAGE_NUMBER = /^[-—–－_~·•\s]*(?:第\s*)?\d{1,3}\s*(?:页)?\s*(?:(?:[/／]|共)\s*\d{1,3}\s*页?)?[-—–－_~·•\s]*$/;

export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.test(line);
}

/** A running header or footer repeats next to the page breaks: on at least half the pages (and twice), short, not a sentence. */
const HEADER_SHARE = 0.5;
/** How many lines from a page break (a form feed or a page number) page furniture sits. */
const PAGE_EDGE = 2;

/** `text` → lines ready for the outline (page breaks are form feeds, as pdftotext writes them). */
export function prepareLines(text: string): PreparedLines {
  const pageBreakBefore: boolean[] = [];
  const trimmed: string[] = [];
  for (const line of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const pieces = splitRunOnLine(splitTrimmedLines(line)[0]);
    pieces.forEach((piece, i) => {
      trimmed.push(piece);
      pageBreakBefore.push(i === 0 && line.includes('\f'));
    });
  }
  const raw = trimmed;
  const lines = raw.map(collapseCjkSpaces);

  // Page edges: the lines next to a form feed or a page number (`- 3 -`, `第 3 页`).
  const edge = new Array<boolean>(lines.length).fill(false);
  const markAround = (at: number, direction: 1 | -1) => {
    for (let i = at, seen = 0; i >= 0 && i < lines.length && seen < PAGE_EDGE; i += direction) {
      if (!lines[i]) continue;
      edge[i] = true;
      seen++;
    }
  };
  let formFeeds = 0;
  let pageNumbers = 0;
  for (let i = 0; i < lines.length; i++) {
    if (pageBreakBefore[i]) formFeeds++;
    if (lines[i] && isPageNumber(lines[i])) pageNumbers++;
  }
  const repeats = Math.max(2, Math.ceil((Math.max(formFeeds, pageNumbers) + 1) * HEADER_SHARE));
  for (let i = 0; i < lines.length; i++) {
    if (pageBreakBefore[i]) {
      markAround(i, 1);
      markAround(i - 1, -1);
    }
    if (lines[i] && isPageNumber(lines[i])) {
      lines[i] = raw[i] = '';
      markAround(i + 1, 1);
      markAround(i - 1, -1);
    }
  }
  // Running headers and footers: the same line at several page edges. Compared with digits masked,
  // so `某局2024年工作要点 3` on page 3 and 4 match. The plan's own name keeps its first occurrence (the title).
  const key = (line: string) => line.replace(/[0-9０-９]+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) if (edge[i] && mayBeRunningHeader(lines[i])) counts.set(key(lines[i]), (counts.get(key(lines[i])) ?? 0) + 1);
  const keptTitle = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || (counts.get(key(line)) ?? 0) < repeats || !mayBeRunningHeader(line)) continue;
    if (planTitle(line) && !keptTitle.has(key(line))) {
      keptTitle.add(key(line));
      continue;
    }
    if (edge[i]) lines[i] = raw[i] = '';
  }
  return { lines, raw, wrapWidth: wrapWidth(lines) };
}

function mayBeRunningHeader(line: string): boolean {
  return line.length >= 4 && line.length <= 60 && !/[。；;，,]$/.test(line) && parseHeading(line) === undefined;
}

/**
 * Hard-wrapped text has many lines of one length (the page width in characters). Undefined for
 * text with one paragraph per line.
 */
function wrapWidth(lines: readonly string[]): number | undefined {
  const lengths = new Map<number, number>();
  let long = 0;
  for (const line of lines) {
    if (line.length < 16) continue;
    long += 1;
    lengths.set(line.length, (lengths.get(line.length) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [length, count] of lengths) {
    const near = count + (lengths.get(length - 1) ?? 0) + (lengths.get(length + 1) ?? 0);
    if (near > bestCount || (near === bestCount && best !== undefined && length > best)) {
      best = length;
      bestCount = near;
    }
  }
  return best !== undefined && bestCount >= 6 && bestCount >= long * 0.3 ? best + 1 : undefined;
}

/** A wrapped line: as long as the page is wide, so the next line carries on its sentence. */
export function isFullLine(line: string, width: number | undefined): boolean {
  return width !== undefined && line.length >= width - 2 && !/[。；;：:！？]$/.test(line);
}

export { isFooterStart, isHeaderChrome };
