// Character-level helpers shared by the parser modules. All of them keep string length, or work
// line by line, so offsets found in a normalised copy can be used on the original text.

/** Full-width digits ０-９ → 0-9, one character for one, so indices are unchanged. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/** Zero-width characters that web pages leave behind and that `trim()` does not remove. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Splits on CRLF, CR or LF and trims every line (spaces, U+3000, NBSP, tabs, zero-width). */
export function splitTrimmedLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) => line.replace(ZERO_WIDTH, '').trim());
}

/**
 * Binary or mis-decoded content: any NUL, or a noticeable share of U+FFFD replacement characters
 * and control characters (a GBK file read as UTF-8 is mostly U+FFFD). A stray one is tolerated.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const suspicious = text.match(/[\ufffd\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  return suspicious >= 3 && suspicious / text.length >= 0.01;
}

const ASCII_WORD_CHAR = /[A-Za-z0-9]/;

/**
 * Joins the lines of one paragraph. Chinese has no spaces between words, so a wrapped line is
 * glued back directly; only two Latin words (or a word and a number) meeting at the break get a
 * space — a number a PDF broke in two (`1` / `0个`) is glued back.
 */
export function joinParagraph(lines: readonly string[]): string {
  const parts: string[] = [];
  let previous = '';
  for (const line of lines) {
    if (!line) continue;
    const last = previous[previous.length - 1];
    if (previous && ASCII_WORD_CHAR.test(last) && ASCII_WORD_CHAR.test(line[0]) && !(/\d/.test(last) && /\d/.test(line[0]))) parts.push(' ');
    parts.push(line);
    previous = line;
  }
  return parts.join('');
}

/** Text up to the first 。 and the rest (both trimmed). */
export function splitFirstSentence(text: string): { first: string; rest: string } {
  const end = text.indexOf('。');
  if (end === -1) return { first: text.trim(), rest: '' };
  return { first: text.slice(0, end).trim(), rest: text.slice(end + 1).trim() };
}
