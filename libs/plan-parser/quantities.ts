// Finds the numbers a plan commits to — `新完成农村生活污水治理村庄600个`, `完成82处农村黑臭水体治理`,
// `水质达标率保持100%` — and what each one counts. Only a number followed by a known unit is a
// quantity, which leaves out years (2022年), times (24小时) and dates; numbers inside identifiers
// (PM2.5, GB3095-2012) and ordinals (第3批) are skipped explicitly.
import type { Quantity } from './types';
import { toAsciiDigits } from './text';

// Longest first, so 个百分点 wins over 个 and 平方公里 over 公里. An optional 万/亿 multiplier is
// kept in the unit (万吨, 万亩, 亿元) rather than folded into the value, as the plan writes it.
const UNITS = ['个百分点', '微克/立方米', '毫克/升', '平方公里', '平方千米', '平方米', '立方米', '公里', '千米', '千瓦', '公顷', '个', '处', '家', '项', '次', '座', '条', '件', '吨', '亩', '人次', '人', '轮次', '轮', '名', '位', '户', '所', '台件', '台套', '台', '辆', '套', '场', '期', '批次', '批', '元', '岁', '张', '种', '本', '倍', '分(?!钟)', '米'];
/** A rate per N (孕产妇死亡率10/10万), per mille, per cent; a bare 万/亿 (服务群众1000万). */
const RATE_UNITS = '[%％‰]|[/／][ \\u3000]*\\d*[ \\u3000]*万|万|亿';
const QUANTITY = new RegExp(`(\\d+(?:\\.\\d+)?)[ \\u3000\\u00a0]*(?:余|多)?[ \\u3000\\u00a0]*((?:万|亿)?(?:${UNITS.join('|')})|${RATE_UNITS})?`, 'g');
/** A number with no unit counts only right after a linking verb: 发展指数达85, 评分保持在95以上. */
const LINK_BEFORE = /(?:达到|达|提高到|提升到|提高至|提升至|增长到|增加到|保持在|稳定在|控制在|不低于|不少于|超过|突破|高于|为)[ \u3000]*$/;
/** …and when no date, time, ordinal or identifier goes on after it. */
const NOT_A_VALUE_AFTER = /^[ \u3000]*(?:[年月日号时分秒点期批届版周天类级型\-－~～—:：\/]|[A-Za-z])/;

/** Spaces and words after the unit that qualify the number rather than start a noun: 95%以上. */
const AFTER_UNIT = /^[ \u3000\u00a0]*(?:(?:以上|以下|以内|左右)[ \u3000\u00a0]*)?/;
/** After the unit, the number closes its clause (村庄600个，) rather than opening a noun. */
const CLOSES_CLAUSE = /[，。、；：,;:！？!?）)】」』”’\n]/;
/** Ends a noun phrase in either direction. */
const CLAUSE_PUNCTUATION = new Set('，。、；：,;:！？!?\n');
/** Also ends a phrase read forwards: a following number, a class numeral (Ⅲ类), a bracket. */
const FORWARD_STOP = /[0-9０-９\u2160-\u217f（(【[]/;
/**
 * Read forwards, the counted noun ends where a verb, a conjunction or a rate of something begins:
 * 42家重点排放单位|开展…, 142个镇街空气站|和…, 16处…水源地|水质达标率保持100%.
 */
const FORWARD_CUT = /和|与|开展|全面|达到|保持|完成|实施|进行|(?:水质)?(?:达标率|优良率|覆盖率|利用率|处理率|合格率|比例|比重|浓度)/g;
/** Action words trailing a counted noun: 82处农村黑臭水体|治理. */
const TRAILING_ACTION = /(?:治理|整治|建设|改造|修复|规范化|标准化|工作|任务)$/;
/**
 * Linking verbs between a noun and the number after it: 水质达标率|保持|100%. Single characters
 * only where they cannot end a noun (为 but not 行为).
 */
const TRAILING_LINK = /(?:稳定在|控制在|保持在|提高到|提高至|提升到|提升至|增长到|增加到|不低于|不少于|不超过|超过|突破|高于|低于|下降|降低|减少|增长|提高|提升|保持|达到|累计|分别|达|(?<!行)为|等)$/;
/**
 * Leading verbs and time words before a noun: 新完成|农村生活污水治理村庄, 全年召开|新闻发布会.
 * No bare 新 or 建设: they also begin nouns (新闻发布会, 建设用地).
 */
const LEADING_ACTION = /^(?:[一二三四五六七八九十]是|实现|确保|全年|年内|今年|累计|力争|新培育|新完成|新建成|新建|新增|完成|建成|改造|召开|开展|举办|实施|推动|推进|创建|培育|打造|和|与|并)/;

const MAX_TEXT = 20;

export function extractQuantities(text: string): Quantity[] {
  // Same length as text, so offsets apply to both; ９８．５ is a decimal like 98.5.
  const ascii = toAsciiDigits(text).replace(/(?<=\d)．(?=\d)/g, '.');
  const quantities: Quantity[] = [];
  // Where the previous quantity's phrase ended: a backward phrase never reaches past it.
  let consumedUntil = 0;
  for (const match of ascii.matchAll(QUANTITY)) {
    const start = match.index;
    if (start > 0 && /[\d.]/.test(ascii[start - 1])) continue; // inside a longer number
    let unitEnd = start + match[0].length;
    if (isOrdinalOrIdentifier(ascii, start) || ascii[unitEnd] === '级') continue; // 第3批, PM2.5, 10万吨级
    let unit: string;
    if (match[2] === undefined) {
      unitEnd = start + match[1].length;
      if (!LINK_BEFORE.test(ascii.slice(Math.max(0, start - 8), start)) || NOT_A_VALUE_AFTER.test(ascii.slice(unitEnd, unitEnd + 3))) continue;
      unit = '';
    } else unit = match[2] === '％' ? '%' : match[2].replace(/[ \u3000]/g, '').replace('／', '/');
    if (isQualifier(unit, ascii.slice(unitEnd, unitEnd + 4))) continue;
    const afterUnit = unitEnd + (AFTER_UNIT.exec(text.slice(unitEnd, unitEnd + 8))?.[0].length ?? 0);

    const readForwards = unit !== '' && !/^(?:%|‰|个百分点|\/)/.test(unit) && afterUnit < text.length && !CLOSES_CLAUSE.test(text[afterUnit]);
    if (readForwards) {
      const phrase = forwardPhrase(text, afterUnit);
      quantities.push({ value: Number(match[1]), unit, text: phrase.text });
      consumedUntil = phrase.end;
    } else {
      quantities.push({ value: Number(match[1]), unit, text: backwardPhrase(text, consumedUntil, start) });
      consumedUntil = afterUnit;
    }
  }
  return quantities;
}

/** `65岁以上老年人` (an age bracket) and `1个工作日` (a duration) qualify a noun; they are not committed to. */
function isQualifier(unit: string, after: string): boolean {
  if (unit === '岁') return /^(?:及)?(?:以上|以下|以内|至|-|~|～)/.test(after);
  if (unit === '个') return /^(?:工作日|月|小时|季度|星期|年度|年|周)/.test(after);
  return false;
}

/** 第3批 (an ordinal) or a number glued to Latin letters (PM2.5, GB3095-2012, COD5). */
function isOrdinalOrIdentifier(ascii: string, start: number): boolean {
  if (ascii[start - 1] === '第') return true;
  let i = start - 1;
  while (i >= 0 && /[A-Za-z0-9.\-_]/.test(ascii[i])) {
    if (/[A-Za-z]/.test(ascii[i])) return true;
    i--;
  }
  return false;
}

/** `82处|农村黑臭水体治理。` → 农村黑臭水体, and the offset where the noun ended. */
function forwardPhrase(text: string, from: number): { text: string; end: number } {
  let end = from;
  while (end < text.length && !CLAUSE_PUNCTUATION.has(text[end]) && !FORWARD_STOP.test(text[end])) end++;
  let phrase = text.slice(from, end);
  for (const cut of phrase.matchAll(FORWARD_CUT)) {
    if (cut.index > 0) {
      phrase = phrase.slice(0, cut.index);
      end = from + cut.index;
      break;
    }
  }
  phrase = stripTrailing(phrase, TRAILING_ACTION);
  return { text: phrase.slice(0, MAX_TEXT), end };
}

/** `…新闻发布会、新闻通气会等|12次` → 新闻发布会、新闻通气会; `水质达标率保持|100%` → 水质达标率. */
function backwardPhrase(text: string, limit: number, numberStart: number): string {
  let start = phraseStart(text, limit, numberStart, true);
  // An enumeration closed by 等 (A、B等12次) is the counted noun as a whole: read past its 、.
  if (text.slice(start, numberStart).endsWith('等')) start = phraseStart(text, limit, numberStart, false);
  let phrase = stripTrailing(text.slice(start, numberStart).trim(), TRAILING_LINK);
  phrase = stripLeading(phrase, LEADING_ACTION);
  return phrase.slice(-MAX_TEXT);
}

function phraseStart(text: string, limit: number, numberStart: number, stopAtEnumerationComma: boolean): number {
  let start = numberStart;
  while (start > limit) {
    const previous = text[start - 1];
    if (CLAUSE_PUNCTUATION.has(previous) && (stopAtEnumerationComma || previous !== '、')) break;
    start--;
  }
  return start;
}

/** Removes words matched by a ^-anchored pattern until none is left at the start. */
function stripLeading(phrase: string, pattern: RegExp): string {
  for (let match = pattern.exec(phrase); match; match = pattern.exec(phrase)) phrase = phrase.slice(match[0].length);
  return phrase;
}

/** Removes words matched by a $-anchored pattern until none is left at the end. */
function stripTrailing(phrase: string, pattern: RegExp): string {
  for (let match = pattern.exec(phrase); match; match = pattern.exec(phrase)) phrase = phrase.slice(0, match.index);
  return phrase;
}
