// Recognises the numbering conventions of 工作要点 documents on a single trimmed line:
//   chapter  一、…  (Chinese numeral + 、)
//   section  （一）… / (一)…
//   measure  1. / 1、 / 1． / １．
//   title    …2022年工作要点 / 工作计划 / 工作安排
import { toAsciiDigits } from './text';

export type HeadingKind = 'chapter' | 'section' | 'measure';

export interface Heading {
  kind: HeadingKind;
  number: number;
  /** The line without its marker, as written (full-width characters kept). */
  text: string;
}

const DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; anything else → undefined. */
export function chineseNumeralValue(numeral: string): number | undefined {
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(numeral);
  if (!match || !numeral) return undefined;
  const [, tensDigit, ten, onesDigit] = match;
  if (!ten) return tensDigit && !onesDigit ? DIGITS[tensDigit] : undefined; // 一 … 九
  return (tensDigit ? DIGITS[tensDigit] : 1) * 10 + (onesDigit ? DIGITS[onesDigit] : 0);
}

const NUMERAL = '[一二三四五六七八九十]{1,3}';
const CHAPTER = new RegExp(`^(${NUMERAL})\\s*[、．.]\\s*(.*)$`);
const SECTION = new RegExp(`^[（(]\\s*(${NUMERAL})\\s*[）)]\\s*(.*)$`);
// The number must not be followed by another digit after the dot: `2.5万吨…` is prose.
const MEASURE = /^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$/;

/** Classifies a trimmed line; undefined for prose. */
export function parseHeading(line: string): Heading | undefined {
  const chapter = CHAPTER.exec(line);
  if (chapter) return numeralHeading('chapter', chapter[1], chapter[2]);
  const section = SECTION.exec(line);
  if (section) return numeralHeading('section', section[1], section[2]);
  // Full-width digits are matched on a same-length copy, so the text is cut from the original.
  const asciiLine = toAsciiDigits(line);
  const measure = MEASURE.exec(asciiLine);
  if (measure) {
    const text = line.slice(asciiLine.length - measure[2].length);
    return { kind: 'measure', number: Number(measure[1]), text };
  }
  return undefined;
}

function numeralHeading(kind: HeadingKind, numeral: string, text: string): Heading | undefined {
  const number = chineseNumeralValue(numeral);
  return number === undefined ? undefined : { kind, number, text };
}

// Characters that never occur in a document title but do in breadcrumbs, link lists and prose.
const NOT_IN_TITLE = '[^>＞»|/\\\\:：,，。；;、【】<]';
const TITLE = new RegExp(`^${NOT_IN_TITLE}{0,40}?((?:19|20)\\d{2})\\s*年度?${NOT_IN_TITLE}{0,20}?工作(?:要点|计划|安排)$`);

/** `青岛市生态环境局2022年工作要点` → its year; undefined when the line is not a plan title. */
export function titleYear(line: string): number | undefined {
  const match = TITLE.exec(toAsciiDigits(line));
  return match ? Number(match[1]) : undefined;
}
