// Recognises the numbering conventions of 工作要点 documents on a single trimmed line:
//   chapter  一、…  (Chinese numeral + 、)
//   section  （一）… / (一)…
//   measure  1. / 1、 / 1． / １．
//   sub      （1） / (1) / 1） / 1) / ①   (a measure's checklist)
//   title    …2022年工作要点 / 工作计划 / 工作安排 / 工作任务清单 / 重点任务 / 任务分解(表), or a
//            headline with the name inside: 关于印发《…2023年工作要点》的通知, 《…》政策解读
import { toAsciiDigits } from './text';

export type HeadingKind = 'chapter' | 'section' | 'measure' | 'sub';

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
// 一、二类水体 (a wrapped line of prose) is not chapter 一.
const CHAPTER = new RegExp(`^(${NUMERAL})\\s*[、．.](?![一二三四五六七八九十]\\s*(?:[、类级]|季度))\\s*(.*)$`);
const SECTION = new RegExp(`^[（(]\\s*(${NUMERAL})\\s*[）)]\\s*(.*)$`);
// The number must not be followed by another digit after the dot: `2.5万吨…` is prose.
const MEASURE = /^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$/;
const SUB = /^(?:[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})\s*[）)])\s*(.*)$/;
const CIRCLED = /^([\u2460-\u2473])\s*(.*)$/;

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
  const sub = SUB.exec(asciiLine);
  if (sub) return { kind: 'sub', number: Number(sub[1] ?? sub[2]), text: line.slice(asciiLine.length - sub[3].length) };
  const circled = CIRCLED.exec(line);
  if (circled) return { kind: 'sub', number: circled[1].charCodeAt(0) - 0x245f, text: circled[2] };
  return undefined;
}

function numeralHeading(kind: HeadingKind, numeral: string, text: string): Heading | undefined {
  const number = chineseNumeralValue(numeral);
  return number === undefined ? undefined : { kind, number, text };
}

// Characters that never occur in a document title but do in breadcrumbs, link lists and prose.
const NOT_IN_TITLE = '[^>＞»|/\\\\:：,，。；;、【】<]';
/** What a plan is called: 工作要点, 工作计划, 工作安排, 工作任务清单, 重点任务, 任务分解表, 实施方案 … */
const PLAN_NAME = '(?:工作(?:要点|计划|安排|重点)|(?:重点工作|工作|重点)任务(?:清单|分解(?:表|方案)?|台账|分工(?:方案)?)?|任务(?:清单|分解(?:表|方案)?|台账|分工(?:方案)?)|重点工作(?:清单|安排)?|(?:工作|实施|行动)方案|行动计划)';
const TITLE = new RegExp(`^${NOT_IN_TITLE}{0,40}?((?:19|20)\\d{2})\\s*年度?${NOT_IN_TITLE}{0,24}?${PLAN_NAME}(?:表)?$`);
/** 关于印发《…》的通知, 《…》政策解读, 关于《…》的解读: a headline around the plan's name. */
const HEADLINE = /^(?:关于)?(?:印发|转发|下达)?《([^《》]{4,80})》(?:的)?(?:通知|政策解读|解读|起草说明|图解)?$/;

/** `青岛市生态环境局2022年工作要点` → its year; undefined when the line is not a plan title. */
export function titleYear(line: string): number | undefined {
  return planTitle(line)?.year;
}

/** The plan's name and year on a title line (the name alone when a headline wraps it in 《》). */
export function planTitle(line: string): { title: string; year: number } | undefined {
  const ascii = toAsciiDigits(line);
  const headline = HEADLINE.exec(ascii);
  const name = headline ? line.slice(ascii.indexOf(headline[1]), ascii.indexOf(headline[1]) + headline[1].length) : line;
  const match = TITLE.exec(toAsciiDigits(name));
  return match ? { title: name, year: Number(match[1]) } : undefined;
}
