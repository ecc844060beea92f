// parsePlan: text of a 工作要点 document → Plan. Pure: no I/O, deterministic.
//
// The outline gives a tree of numbered items by marker (一、 > （一） > 1. > （1））. Here each
// chapter is read for what it holds:
//   - a prose chapter (总体要求, 指导思想 …) holds no work; a 主要目标 paragraph inside it gives targets;
//   - a target chapter (主要目标指标, its items indicator sentences) gives one target per item;
//   - otherwise its items are work: 1. items are measures (in their （一） section, or straight
//     under the chapter: code `<chapter>.<n>`); a chapter or section without 1. items has its
//     一是……二是…… (or its （一） paragraphs) as measures; （1）（2） and 一是 inside a measure are
//     its checklist (`subItems`).
// A level the document lacks is left out of the codes, so they read as a person would cite them.
import { PlanParseError } from './errors';
import { inlineItems } from './inline';
import { extractLeads } from './leads';
import { prepareLines } from './layout';
import { extractQuantities } from './quantities';
import { outlineDocument, stripFinalStop, type OutlineNode } from './outline';
import { indicatorSentences, isTargetHeading, looksLikeIndicator, targetClause } from './targets';
import { joinParagraph, looksBinary, splitFirstSentence } from './text';
import type { Chapter, Measure, Plan, PlanWarning, Section, TargetIndicator } from './types';

/** A chapter of prose about the plan itself, not work to track. */
const PROSE_CHAPTER_TITLE = /总体要求|指导思想|总体思路|基本原则|工作思路|重要意义|编制依据|形势分析|工作回顾/;

export function parsePlan(text: string): Plan {
  const content = text.replace(/^\ufeff/, '');
  if (content.trim() === '') throw new PlanParseError('empty');
  if (looksBinary(content)) throw new PlanParseError('binary');

  const outline = outlineDocument(prepareLines(content));
  if (!outline) throw new PlanParseError('no_title');

  const reader = new PlanReader(outline.wrapWidth);
  // A 主要目标 paragraph in the preface (主要目标：到2024年底，……达到……).
  outline.preamble.forEach((paragraph) => reader.targetsFromText(paragraph, '0'));

  const chapterNodes = outline.nodes.filter((node) => node.kind === 'chapter');
  if (chapterNodes.length === outline.nodes.length && chapterNodes.length > 0) {
    for (const node of chapterNodes) reader.chapter(String(node.number), headingTitle(node), node);
  } else if (outline.nodes.length > 0) {
    // No 一、 chapters: one chapter without a number holds the whole body.
    reader.chapter('', '', { kind: 'chapter', number: 0, lines: [], headingLines: 0, children: outline.nodes });
  }
  if (reader.chapters.length === 0) throw new PlanParseError('no_measures');
  const plan: Plan = { year: outline.year, title: outline.title, targets: reader.targets, chapters: reader.chapters };
  if (reader.warnings.length > 0) plan.warnings = reader.warnings;
  return plan;
}

/** `a.b.c` from the levels the document has (an absent level is left out). */
function codeOf(...parts: Array<string | number>): string {
  return parts.map(String).filter(Boolean).join('.');
}

/** A heading's title: its first sentence, including lines a PDF wrapped it onto. */
function headingTitle(node: OutlineNode): string {
  const heading = joinParagraph(node.lines.slice(0, node.headingLines));
  const inline = inlineItems(heading);
  return stripFinalStop(splitFirstSentence(inline ? inline.lead : heading).first).replace(/[：:，,]$/, '');
}

function nodeText(node: OutlineNode): string {
  return joinParagraph(node.lines);
}

/** The item has (1)(2)/1. children or 一是…二是… of its own. */
function holdsItems(node: OutlineNode): boolean {
  return node.children.some((child) => child.kind === 'measure' || child.kind === 'sub') || inlineItems(nodeText(node)) !== undefined;
}

class PlanReader {
  readonly targets: TargetIndicator[] = [];
  readonly chapters: Chapter[] = [];
  readonly warnings: PlanWarning[] = [];
  constructor(
    /** Set for hard-wrapped (PDF) text, where a line break says nothing about where a title ends. */
    private readonly wrapWidth?: number,
  ) {}

  private readonly codes = { target: new UniqueCodes(), chapter: new UniqueCodes(), section: new UniqueCodes(), measure: new UniqueCodes() };

  chapter(code: string, title: string, node: OutlineNode): void {
    const chapterCode = this.codes.chapter.claim(code || '0');
    const sections = node.children.filter((child) => child.kind === 'section');
    const loose = node.children.filter((child) => child.kind !== 'section');

    if (code && PROSE_CHAPTER_TITLE.test(title)) {
      // Only its 主要目标 paragraph, if any, counts.
      for (const section of sections) if (isTargetHeading(nodeText(section))) this.targetsFromItem(section, codeOf(code, section.number));
      return;
    }
    if (code && isTargetHeading(title) && node.children.length === 0) {
      // 二、主要目标 followed by a paragraph: its indicator sentences.
      indicatorSentences(joinParagraph(node.lines.slice(node.headingLines))).forEach((sentence, i) => this.target(codeOf(code, i + 1), sentence));
      return;
    }
    if (code && this.isTargetChapter(title, node)) {
      const items = sections.length > 0 ? sections : loose;
      for (const item of items) this.target(codeOf(code, item.number), nodeText(item));
      return;
    }

    const chapter: Chapter = { code: chapterCode, title, sections: [] };
    if (sections.length === 0) {
      const items = loose.filter((child) => child.kind === 'measure').length > 0 ? loose.filter((c) => c.kind === 'measure') : loose;
      if (items.length > 0) {
        this.checkNumbers(items, code);
        if (code) this.warn('level_guessed', code, `“${title}”（${code}）下没有（一）层级，其下事项编为 ${codeOf(code, items[0].number)} 等`);
        chapter.sections.push(this.section(code || '0', '', items.map((item) => this.measureOf(item, codeOf(code, item.number)))));
      } else {
        const inline = inlineItems(nodeText(node));
        if (inline) {
          this.warn('level_guessed', code || '0', `“${title}”（${code || '正文'}）中的“一是……二是……”作为 ${inline.items.length} 项措施`);
          chapter.sections.push(this.section(code || '0', '', this.inlineMeasures(inline.items, code)));
        }
      }
      this.targetsFromText(nodeText(node).slice(title.length), codeOf(code, 0));
    } else {
      const workSections = sections.filter((section) => !isTargetHeading(nodeText(section)));
      for (const section of sections) if (!workSections.includes(section)) this.targetsFromItem(section, codeOf(code, section.number));
      this.checkNumbers(sections, code);
      if (workSections.length > 0 && !workSections.some(holdsItems)) {
        // The （一）（二） paragraphs are the work items themselves.
        this.warn('level_guessed', code || '0', code ? `“${title}”（${code}）的（一）（二）……段落下没有编号事项，各段作为一项措施` : '文件没有“一、”章节，（一）（二）……各段作为一项措施');
        chapter.sections.push(this.section(code || '0', '', workSections.map((section) => this.measureOf(section, codeOf(code, section.number)))));
      } else {
        const looseItems = loose.filter((child) => child.kind === 'measure');
        // Items before the chapter's first section: a section numbered 0 keeps them apart from （一）.
        if (looseItems.length > 0) chapter.sections.push(this.section(codeOf(code, 0), '', looseItems.map((item) => this.measureOf(item, codeOf(code, 0, item.number)))));
        for (const section of workSections) {
          const sectionCode = codeOf(code, section.number);
          if (holdsItems(section)) chapter.sections.push(this.sectionOf(section, sectionCode));
          else {
            // A paragraph among sections that hold items: itself one measure, coded as the paragraph.
            this.warn('level_guessed', sectionCode, `“${headingTitle(section)}”（${sectionCode}）下没有编号事项，整段作为一项措施`);
            chapter.sections.push(this.section(sectionCode, headingTitle(section), [this.measureOf(section, sectionCode)]));
          }
        }
      }
    }
    if (chapter.sections.some((section) => section.measures.length > 0)) this.chapters.push(chapter);
  }

  /** A target chapter: a short title about goals (主要目标指标), its items mostly indicator sentences. */
  private isTargetChapter(title: string, node: OutlineNode): boolean {
    if (!isTargetHeading(title)) return false;
    // 主要目标指标, 工作目标: a target chapter whatever its items say; 目标任务 only by its items.
    const surelyTargets = /(?:目标|指标)$/.test(title);
    const sections = node.children.filter((child) => child.kind === 'section');
    if (sections.some((section) => section.children.some((child) => child.kind === 'measure'))) return false;
    const items = sections.length > 0 ? sections : node.children;
    if (items.length === 0) return false;
    return surelyTargets || items.filter((item) => looksLikeIndicator(nodeText(item))).length * 2 >= items.length;
  }

  private sectionOf(node: OutlineNode, code: string): Section {
    const measures = node.children.filter((child) => child.kind === 'measure');
    const subs = node.children.filter((child) => child.kind === 'sub');
    const text = nodeText(node);
    const title = headingTitle(node);
    const claimed = this.codes.section.claim(code);
    let list: Measure[] = [];
    if (measures.length > 0) {
      this.checkNumbers(measures, code);
      list = measures.map((item) => this.measureOf(item, codeOf(code, item.number)));
    } else if (subs.length > 0) {
      this.checkNumbers(subs, code);
      this.warn('level_guessed', code, `“${title}”（${code}）下没有“1.”层级，（1）（2）……作为措施`);
      list = subs.map((item) => this.measureOf(item, codeOf(code, item.number)));
    } else {
      const inline = inlineItems(text);
      if (inline) {
        this.warn('level_guessed', code, `“${title}”（${code}）中的“一是……二是……”作为 ${inline.items.length} 项措施`);
        list = this.inlineMeasures(inline.items, code);
      }
    }
    // A section's own indicator list (主要指标：……): `<section>.0.<n>`, apart from its measures.
    this.targetsFromText(text.slice(title.length), codeOf(code, 0));
    return { code: claimed, title, measures: list };
  }

  private section(code: string, title: string, measures: Measure[]): Section {
    return { code: this.codes.section.claim(code), title, measures };
  }

  /** A numbered item as a measure; its （1）（2） children or inline 一是…… are its checklist. */
  private measureOf(node: OutlineNode, code: string): Measure {
    const subs = node.children.filter((child) => child.kind === 'sub' || child.kind === 'measure').map(nodeText);
    // 1.加强组织领导 on a line of its own, its paragraph below: the line is the title.
    const heading = node.lines[0];
    const headingIsTitle =
      this.wrapWidth === undefined && node.lines.length > 1 && heading.length <= 40 && !/[。；;，,、：:！？!?]/.test(heading.replace(/[（(][^）)]*[）)]$/, ''));
    return this.measureFromText(nodeText(node), code, subs, headingIsTitle ? heading : undefined);
  }

  private measureFromText(raw: string, code: string, subLines: string[] = [], titleLine?: string): Measure {
    let leads = extractLeads(raw);
    const subItems = subLines.map((line) => stripFinalStop(line.replace(/[；;，,]$/, '')));
    // A lead clause after the last sub-item belongs to the whole measure.
    if (!leads.leadText && !leads.coText && subLines.length > 0) {
      const last = extractLeads(subLines[subLines.length - 1]);
      if (last.leadText || last.coText) {
        subItems[subItems.length - 1] = stripFinalStop(last.text.replace(/[；;，,]$/, ''));
        leads = { ...last, text: leads.text };
      }
    }
    const text = leads.text;
    const { first, rest } =
      titleLine === undefined ? splitFirstSentence(text) : { first: extractLeads(titleLine).text, rest: extractLeads(raw.slice(titleLine.length)).text };
    if (!first) this.warn('untitled_measure', code, `措施 ${code} 没有文字`);
    const measure: Measure = {
      code: this.codes.measure.claim(code),
      title: first,
      body: rest,
      quantities: extractQuantities(subItems.length > 0 ? `${text}\n${subItems.join('\n')}` : text),
    };
    const checklist = subItems.length > 0 ? subItems : (inlineItems(text)?.items ?? []);
    if (checklist.length > 0) measure.subItems = checklist;
    if (leads.leadText) measure.leadText = leads.leadText;
    if (leads.coText) measure.coText = leads.coText;
    if (leads.deadlineText) measure.deadlineText = leads.deadlineText;
    return measure;
  }

  /**
   * 一是……二是…… as measures `<code>.<n>`. A lead clause after the last one (……；三是……。（办公室牵头）)
   * is the heading's: every item without its own gets it.
   */
  private inlineMeasures(items: readonly string[], code: string): Measure[] {
    const measures = items.map((item, i) => this.measureFromText(item, codeOf(code, i + 1)));
    const last = measures[measures.length - 1];
    const trailing = extractLeads(items[items.length - 1].replace(/[（(][^（）()]*[）)]\s*。?$/, '')).leadText === undefined;
    if (last.leadText && trailing && measures.slice(0, -1).every((m) => !m.leadText && !m.coText)) {
      for (const m of measures.slice(0, -1)) {
        m.leadText = last.leadText;
        if (last.coText) m.coText = last.coText;
      }
    }
    return measures;
  }

  private warn(code: PlanWarning['code'], at: string, message: string): void {
    this.warnings.push({ code, at, message });
  }

  /** Numbers of sibling items that do not count up by one (1, 2, 4): each gap once. */
  private checkNumbers(items: readonly OutlineNode[], parent: string): void {
    for (let i = 1; i < items.length; i++) {
      const [before, after] = [items[i - 1].number, items[i].number];
      if (after > before + 1) this.warn('number_skipped', codeOf(parent, after) || String(after), `${parent ? `${parent} 下` : ''}编号从 ${before} 跳到 ${after}`);
    }
  }

  private target(code: string, text: string): void {
    this.targets.push({ code: this.codes.target.claim(code), text, quantities: extractQuantities(text) });
  }

  /** A target item: its 1. 2. children are the indicators, else its indicator sentences are. */
  private targetsFromItem(node: OutlineNode, code: string): void {
    const items = node.children.filter((child) => child.kind === 'measure' || child.kind === 'sub');
    if (items.length > 0) {
      for (const item of items) this.target(codeOf(code, item.number), nodeText(item));
      return;
    }
    const text = nodeText(node).replace(/^[^。：:]{0,12}?(?:目标|指标)(?:任务|要求)?(?:是|为)?[。：:]?/, '');
    indicatorSentences(text).forEach((sentence, i) => this.target(codeOf(code, i + 1), sentence));
  }

  /** Indicator sentences after a 主要目标：/主要指标： clause in a paragraph, coded `<code>.<n>`. */
  targetsFromText(text: string, code: string): void {
    const clause = targetClause(text);
    if (clause === undefined) return;
    indicatorSentences(clause).forEach((sentence, i) => this.target(codeOf(code, i + 1), sentence));
  }
}

/** Codes are references into the document; two items of one kind with one code would make them ambiguous. */
class UniqueCodes {
  private readonly seen = new Set<string>();

  claim(code: string): string {
    if (this.seen.has(code)) throw new PlanParseError('duplicate_code', code);
    this.seen.add(code);
    return code;
  }
}
