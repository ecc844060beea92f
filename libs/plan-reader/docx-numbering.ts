// Word's automatic numbering, as the document defines it. mammoth tells a numbered paragraph's
// list level but not the level's format, and 公文 mix formats freely (一、 typed, 1. automatic;
// or （一） as level 0). So the numbering part (word/numbering.xml: each level's numFmt, lvlText,
// start) and each numbered paragraph's list (w:numPr) are read from the package here, and the
// label Word would print is rebuilt with the same counters.
import JSZip from 'jszip';

interface LevelFormat {
  numFmt: string;
  lvlText: string;
  start: number;
}

export interface NumberedParagraph {
  /** The paragraph's text without whitespace (to pair it with mammoth's paragraph). */
  key: string;
  numId: string;
  ilvl: number;
}

const attr = (xml: string, tag: string, name = 'w:val') => new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, entity: string) =>
    entity[0] === '#' ? String.fromCodePoint(entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1))) : (ENTITIES[entity] ?? all),
  );

interface List {
  abstractId: string;
  levels: Map<number, LevelFormat>;
  overrides: Map<number, number>;
}

export const paragraphKey = (text: string) => text.replace(/\s+/g, '');

export class WordNumbering {
  private readonly counters = new Map<string, number[]>();
  private cursor = 0;

  private constructor(
    /** numId → its abstract numbering's id and levels, and the levels it restarts (w:startOverride). */
    private readonly lists: Map<string, List>,
    private readonly paragraphs: NumberedParagraph[],
  ) {}

  /** Undefined when the package has no numbering part (nothing to rebuild). */
  static async read(bytes: Uint8Array): Promise<WordNumbering | undefined> {
    const zip = await JSZip.loadAsync(bytes);
    const numberingXml = await zip.file('word/numbering.xml')?.async('string');
    const documentXml = await zip.file('word/document.xml')?.async('string');
    if (!numberingXml || !documentXml) return undefined;

    const abstracts = new Map<string, Map<number, LevelFormat>>();
    for (const [, id, body] of numberingXml.matchAll(/<w:abstractNum\b[^>]*\bw:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
      const levels = new Map<number, LevelFormat>();
      for (const [, ilvl, level] of body.matchAll(/<w:lvl\b[^>]*\bw:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
        levels.set(Number(ilvl), { numFmt: attr(level, 'w:numFmt') ?? 'decimal', lvlText: decodeXml(attr(level, 'w:lvlText') ?? ''), start: Number(attr(level, 'w:start') ?? 1) });
      }
      abstracts.set(id, levels);
    }
    const lists = new Map<string, List>();
    for (const [, numId, body] of numberingXml.matchAll(/<w:num\b[^>]*\bw:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
      const abstractId = attr(body, 'w:abstractNumId');
      const levels = abstractId === undefined ? undefined : abstracts.get(abstractId);
      const overrides = new Map<number, number>();
      for (const [, ilvl, override] of body.matchAll(/<w:lvlOverride\b[^>]*\bw:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
        const start = attr(override, 'w:startOverride');
        if (start !== undefined) overrides.set(Number(ilvl), Number(start));
      }
      if (abstractId !== undefined && levels) lists.set(numId, { abstractId, levels, overrides });
    }

    const paragraphs: NumberedParagraph[] = [];
    for (const [paragraph] of documentXml.matchAll(/<w:p\b(?:[^>]*[^/>])?>[\s\S]*?<\/w:p>/g)) {
      const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(paragraph)?.[1];
      if (!numPr) continue;
      const numId = attr(numPr, 'w:numId');
      if (!numId || numId === '0') continue;
      const text = [...paragraph.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');
      paragraphs.push({ key: paragraphKey(text), numId, ilvl: Number(attr(numPr, 'w:ilvl') ?? 0) });
    }
    return new WordNumbering(lists, paragraphs);
  }

  /**
   * The label Word prints before the next numbered paragraph with this text (`一、`, `（二）`, `3.`);
   * undefined when the paragraph is not found or its level prints no number (a bullet).
   */
  labelFor(text: string): string | undefined {
    const key = paragraphKey(text);
    const found = this.paragraphs.findIndex((p, i) => i >= this.cursor && p.key === key);
    if (found === -1) return undefined;
    this.cursor = found + 1;
    const { numId, ilvl } = this.paragraphs[found];
    const list = this.lists.get(numId);
    const format = list?.levels.get(ilvl);
    if (!list || !format || format.numFmt === 'bullet' || format.numFmt === 'none') return undefined;
    // Lists sharing one abstract numbering continue one another, as in Word, unless a list restarts
    // its levels (w:startOverride: 「重新开始编号」); a level restarts after a higher one.
    const counterKey = list.overrides.size > 0 ? `num:${numId}` : `abstract:${list.abstractId}`;
    const counters = this.counters.get(counterKey) ?? [];
    counters.length = Math.min(counters.length, ilvl + 1);
    counters[ilvl] = (counters[ilvl] ?? (list.overrides.get(ilvl) ?? format.start) - 1) + 1;
    this.counters.set(counterKey, counters);
    return format.lvlText.replace(/%(\d)/g, (_, n: string) => {
      const level = Number(n) - 1;
      return formatNumber(counters[level] ?? list.levels.get(level)?.start ?? 1, list.levels.get(level)?.numFmt ?? 'decimal');
    });
  }
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function chineseCounting(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 100) return `${n >= 20 ? CN_DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

function letters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

/** One counter in a w:numFmt (the formats 公文 use; anything else as a decimal). */
function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n)
        .split('')
        .map((d) => CN_DIGITS[Number(d)])
        .join('');
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
    case 'upperRoman': {
      const roman = toRoman(n);
      return numFmt === 'lowerRoman' ? roman.toLowerCase() : roman;
    }
    default:
      return String(n);
  }
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let rest = n;
  for (const [value, symbol] of table) for (; rest >= value; rest -= value) out += symbol;
  return out;
}
