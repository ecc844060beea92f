// Suggested lead departments for a plan's measures (建议牵头处室): the measure's text, section and
// chapter matched against the organization's own department names. Pure: the import calls it with
// the parsed plan and the departments it has; nothing here knows one bureau's layout.
import { matchDepartments, splitDepartmentNames } from './department-names';

/** A department as the matcher needs it (only active business departments lead measures). */
export interface DepartmentCandidate {
  code: string;
  name: string;
  kind?: string;
  active?: boolean;
}

export interface MatchMeasure {
  code: string;
  title: string;
  body: string;
  /** Who leads, as the plan writes it (（机关党委牵头）, 牵头单位：…), when it does. */
  leadText?: string;
}

export interface MatchSection {
  code: string;
  title: string;
  measures: MatchMeasure[];
}

export interface MatchChapter {
  code: string;
  title: string;
  sections: MatchSection[];
}

/**
 * Why a department was suggested: `plan` the plan says who leads (matched to a department's name);
 * `named` the text names the department itself; `text` its topics
 * match the measure (title, body, section); `chapter` the measure alone was a tie or said nothing,
 * the chapter decided; `office` nothing decided, the general office (办公室/综合处) takes it;
 * `none` no department could be suggested (a leader sets it).
 */
export type SuggestionBasis = 'plan' | 'named' | 'text' | 'chapter' | 'office' | 'none';

export interface DepartmentSuggestion {
  department: string | null;
  basis: SuggestionBasis;
}

export interface DepartmentKeyword {
  term: string;
  weight: number;
}

/** Words every department name carries that say nothing about its topic (stripped at either end). */
const GENERIC = ['生态环境', '环境', '生态', '管理', '安全', '工作', '综合'];
/** Name endings that only say it is an office of the bureau. */
const UNIT_SUFFIX = /(处|科|室|局|中心|办)$/;

/**
 * The official terms (规范用语) of each field, keyed by a word the department's name carries, so a
 * 大气环境处 also answers to PM2.5, 臭氧, VOCs and 蓝天保卫战 and a 水生态环境处 to 河, 湖, 污水.
 */
const OFFICIAL_TERMS: Array<{ when: RegExp; terms: string[] }> = [
  { when: /大气|空气/, terms: ['大气', '空气', 'PM2.5', '细颗粒物', '臭氧', 'VOCs', '挥发性有机物', '扬尘', '蓝天', '移动源', '机动车', '柴油货车', '非道路移动机械', '秸秆', '重污染天气', '氮氧化物', '油气回收', '锅炉'] },
  { when: /^水|水生态|水环境|水资源|水务/, terms: ['水', '河', '湖', '污水', '饮用水', '水源地', '排污口', '黑臭水体', '碧水', '流域', '断面', '河长', '湖长', '地表水', '三水统筹', '水质'] },
  { when: /海/, terms: ['海洋', '海域', '近岸', '海湾', '湾长', '入海', '岸线', '海水', '海'] },
  { when: /土壤/, terms: ['土壤', '净土', '建设用地', '农用地', '污染地块', '地下水', '重点监管单位', '风险管控'] },
  { when: /固体|固废|废物|化学品/, terms: ['固体废物', '固废', '危险废物', '危废', '医疗废物', '无废城市', '化学品', '新污染物', '废物', '塑料'] },
  { when: /气候|低碳|碳/, terms: ['气候', '碳', '温室气体', '低碳', '碳达峰', '碳中和', '碳排放', '臭氧层', 'ODS'] },
  { when: /核|辐射/, terms: ['核', '辐射', '放射', '放射源', '电磁'] },
  { when: /环评|环境影响评价|排放/, terms: ['环评', '环境影响评价', '排污许可', '总量', '减排', '建设项目', '审批', '三线一单', '环境准入', '污染源'] },
  { when: /监测/, terms: ['监测', '监控', '遥感', '站点', '自动站'] },
  { when: /执法|监督|督察|稽查/, terms: ['执法', '督察', '检查', '信访', '应急', '突发环境事件', '违法', '双随机', '环境风险', '风险防控', '风险隐患'] },
  { when: /法规|标准|政策|法制/, terms: ['法规', '立法', '法治', '普法', '损害赔偿', '公益诉讼', '政策', '营商环境', '制度'] },
  { when: /宣传|教育/, terms: ['宣传', '教育', '新闻', '舆论', '舆情', '公众参与', '志愿', '信息公开', '新媒体'] },
  { when: /人事|组织/, terms: ['人事', '干部', '队伍', '人才', '培训', '选拔', '职级'] },
  { when: /党/, terms: ['党', '党建', '从严治党', '党风廉政', '廉政', '清廉', '意识形态', '作风', '纪检'] },
  { when: /办公室|综合/, terms: ['综合', '统筹协调', '协调', '督办', '保密', '档案', '财务', '政务', '会务', '委员会'] },
  { when: /自然生态|生态保护|生态修复|生物多样性/, terms: ['生态保护', '生物多样性', '自然保护地', '生态修复', '生态保护红线', '湿地', '矿山', '生态文明示范'] },
  { when: /科技|信息/, terms: ['科技', '技术', '信息化', '数字', '智慧', '研发'] },
];

/** Single characters that mean something else inside these words (水平, 考核, 核查 …). */
const NOT_THE_TOPIC: Record<string, string[]> = {
  水: ['水平'],
  核: ['核查', '考核', '核心', '核算', '审核', '核实', '核定', '核发', '核准'],
};

/** A general office, the fallback for what nothing else decides. */
export function isGeneralOffice(name: string): boolean {
  return /办公室|综合处/.test(name);
}

/** The department's topic words, from its name alone plus the official terms of those words. */
export function departmentKeywords(name: string): DepartmentKeyword[] {
  const keywords = new Map<string, number>();
  const add = (term: string, weight: number) => {
    if (!term) return;
    keywords.set(term, Math.max(keywords.get(term) ?? 0, weight));
  };
  const core = name.trim().replace(UNIT_SUFFIX, '') || name.trim();
  for (const raw of core.split(/[与和及、·/]/)) {
    const piece = stripGeneric(raw.trim());
    if (!piece) continue;
    add(piece, termWeight(piece));
    // 执法监督 → 执法, 监督; 固体废物 → 固体, 废物 (a long name part is often two words).
    if (piece.length >= 4) {
      for (let i = 0; i + 2 <= piece.length; i += 2) {
        const word = piece.slice(i, i + 2);
        if (!GENERIC.includes(word)) add(word, termWeight(word) * 0.6);
      }
    }
  }
  const words = [...keywords.keys()].join(' ');
  for (const { when, terms } of OFFICIAL_TERMS) {
    if (when.test(words) || when.test(name)) for (const term of terms) add(term, termWeight(term));
  }
  return [...keywords].map(([term, weight]) => ({ term, weight }));
}

function stripGeneric(piece: string): string {
  let current = piece;
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of GENERIC) {
      if (current.length > word.length && current.endsWith(word)) {
        current = current.slice(0, -word.length);
        changed = true;
      } else if (current.length > word.length && current.startsWith(word)) {
        current = current.slice(word.length);
        changed = true;
      }
    }
  }
  return GENERIC.includes(current) ? '' : current;
}

/** Longer terms say more: 挥发性有机物 outweighs 水. */
function termWeight(term: string): number {
  return Math.min(term.length, 4);
}

/** Words that merely contain a topic character (水平, 核查, 考核 …): they match, and count for nobody. */
const BLOCKERS = new Set(Object.values(NOT_THE_TOPIC).flat());

/** One pattern for a set of terms, longest first, so 地下水 is taken whole before 水 is tried. */
function termPattern(terms: readonly string[]): RegExp {
  const ordered = [...new Set([...terms, ...BLOCKERS])].filter(Boolean).sort((a, b) => b.length - a.length || a.localeCompare(b));
  return new RegExp(ordered.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
}

/**
 * How often each term occurs in the text, in one left-to-right scan: an occurrence inside a longer
 * term (水 inside 地下水, 核 inside 考核) counts only for the longer one, blockers for none.
 */
function termCounts(text: string, pattern: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(pattern)) {
    const term = match[0].toLowerCase();
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  for (const blocker of BLOCKERS) counts.delete(blocker);
  return counts;
}

/** How often the term occurs in the text as a topic (not inside the words it is only part of). */
export function topicOccurrences(text: string, term: string): number {
  return termCounts(text, termPattern([term])).get(term.toLowerCase()) ?? 0;
}

interface Scored {
  code: string;
  name: string;
  keywords: DepartmentKeyword[];
}

interface Candidates {
  list: Scored[];
  /** Every candidate's terms in one pattern (each text is scanned once for all of them). */
  pattern: RegExp;
}

/** Every candidate's score over the weighted parts of a text. */
function scores(candidates: Candidates, parts: Array<{ text: string; weight: number }>): Map<string, number> {
  const totals = new Map<string, number>(candidates.list.map((d) => [d.code, 0]));
  for (const { text, weight } of parts) {
    if (!text) continue;
    const counts = termCounts(text, candidates.pattern);
    for (const d of candidates.list) {
      let total = 0;
      for (const k of d.keywords) total += (counts.get(k.term.toLowerCase()) ?? 0) * k.weight;
      totals.set(d.code, totals.get(d.code)! + total * weight);
    }
  }
  return totals;
}

/** The single best candidate by score, or the tied top ones (none when nothing scored). */
function best(candidates: Scored[], scored: Map<string, number>): { winner?: Scored; tied: Scored[] } {
  let top = 0;
  let tied: Scored[] = [];
  for (const d of candidates) {
    const s = scored.get(d.code) ?? 0;
    if (s <= 0) continue;
    if (s > top + 1e-9) {
      top = s;
      tied = [d];
    } else if (Math.abs(s - top) <= 1e-9) tied.push(d);
  }
  return tied.length === 1 ? { winner: tied[0], tied } : { tied };
}

/**
 * A suggested department for every measure of the plan: the one the plan says leads it, else the department the text names, else the
 * one whose topics match the measure best (its title counts three times, its section and body once); a
 * tie or no match at all goes to the department best matching the chapter, else the general office
 * (办公室/综合处) if there is one, else none. Only active business departments are suggested.
 */
export function suggestDepartments(chapters: MatchChapter[], departments: DepartmentCandidate[]): Record<string, DepartmentSuggestion> {
  const list: Scored[] = departments
    .filter((d) => (d.kind === undefined || d.kind === 'business') && d.active !== false)
    .map((d) => ({ code: d.code, name: d.name, keywords: departmentKeywords(d.name) }));
  const candidates: Candidates = { list, pattern: termPattern(list.flatMap((d) => d.keywords.map((k) => k.term))) };
  const office = list.find((d) => isGeneralOffice(d.name));
  const result: Record<string, DepartmentSuggestion> = {};
  for (const chapter of chapters) {
    const chapterText = [chapter.title, ...chapter.sections.map((s) => s.title)].join('\n');
    const byChapter = scores(candidates, [{ text: chapterText, weight: 1 }]);
    for (const section of chapter.sections) {
      for (const measure of section.measures) {
        result[measure.code] = suggestOne(measure, section.title, candidates, byChapter, office);
      }
    }
  }
  return result;
}

function suggestOne(measure: MatchMeasure, sectionTitle: string, candidates: Candidates, byChapter: Map<string, number>, office: Scored | undefined): DepartmentSuggestion {
  const lead = measure.leadText?.trim();
  if (lead) {
    // The plan's own words (大气处牵头): one matcher of written names for every caller (department-names.ts).
    const byPlan = matchDepartments(splitDepartmentNames(lead), candidates.list).find((m) => m.department)?.department;
    if (byPlan) return { department: byPlan, basis: 'plan' };
  }
  const text = `${measure.title}\n${measure.body}`;
  const named = candidates.list
    .map((d) => ({ d, at: d.name.length >= 3 ? text.indexOf(d.name) : -1 }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at || b.d.name.length - a.d.name.length)[0];
  if (named) return { department: named.d.code, basis: 'named' };

  const byText = best(
    candidates.list,
    scores(candidates, [
      { text: measure.title, weight: 3 },
      { text: sectionTitle, weight: 1 },
      { text: measure.body, weight: 1 },
    ]),
  );
  if (byText.winner) return { department: byText.winner.code, basis: 'text' };
  const byChapterOnly = best(byText.tied.length > 0 ? byText.tied : candidates.list, byChapter);
  if (byChapterOnly.winner) return { department: byChapterOnly.winner.code, basis: 'chapter' };
  if (office) return { department: office.code, basis: 'office' };
  return { department: null, basis: 'none' };
}

/** How many measures got their suggestion on each basis (for the import's report). */
export function suggestionCounts(suggestions: Record<string, DepartmentSuggestion>): Record<SuggestionBasis, number> {
  const counts: Record<SuggestionBasis, number> = { plan: 0, named: 0, text: 0, chapter: 0, office: 0, none: 0 };
  for (const s of Object.values(suggestions)) counts[s.basis] += 1;
  return counts;
}
