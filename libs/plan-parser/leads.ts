// Who leads a work item, as the plan writes it: a parenthetical （机关党委牵头，各处室配合）,
// （牵头单位：办公室；配合单位：各处室）, or trailing clauses 牵头单位：办公室；责任单位：…；完成时限：….
// The names are kept as written (matching them to departments is the domain's job) and the clause
// is taken out of the item's text. A parenthesis that says anything else (含配合, 试行) stays.
import { splitDepartmentNames as splitNames } from '@duban/domain';

export interface LeadClauses {
  leadText?: string;
  coText?: string;
  deadlineText?: string;
  /** The text without the clauses. */
  text: string;
}

const LEAD_LABEL = '(?:牵头(?:单位|部门|处室|科室)|主责(?:单位|部门))';
const RESPONSIBLE_LABEL = '(?:责任(?:单位|部门|处室|科室)|承办(?:单位|部门)|负责(?:单位|部门))';
const CO_LABEL = '(?:配合(?:单位|部门|处室|科室)|协办(?:单位|部门)|参与(?:单位|部门)|协同(?:单位|部门))';
const DEADLINE_LABEL = '(?:完成(?:时限|时间)|时间(?:节点|要求)|时限(?:要求)?|进度安排)';
const ANY_LABEL = new RegExp(`(${LEAD_LABEL}|${RESPONSIBLE_LABEL}|${CO_LABEL}|${DEADLINE_LABEL})\\s*[：:]`, 'g');

/** Parenthesised clauses, innermost (no nested brackets). */
const PARENTHESIS = /[（(]([^（）()]{2,120})[）)]/g;
/** Labelled clauses that run to the end of the text (after the item's own sentences). */
const TRAILING = new RegExp(`(?:^|[。；;，,\\s])((?:${LEAD_LABEL}|${RESPONSIBLE_LABEL}|${CO_LABEL}|${DEADLINE_LABEL})\\s*[：:][^]*)$`);

export function extractLeads(text: string): LeadClauses {
  const found: Omit<LeadClauses, 'text'> = {};
  let rest = text;
  // Parentheticals first (only the ones that are wholly about who leads and when).
  rest = rest.replace(PARENTHESIS, (whole, inner: string) => (readClauses(inner, found) ? '' : whole));
  const trailing = TRAILING.exec(rest);
  if (trailing && !/[）)]/.test(trailing[1]) && readClauses(trailing[1], found)) rest = rest.slice(0, trailing.index + (trailing[0].length - trailing[1].length));
  rest = rest.replace(/[\s；;，,]+$/, '').replace(/[\s；;，,]+。/g, '。').replace(/。{2,}/g, '。');
  return { ...found, text: rest.trim() };
}

/**
 * Reads `X牵头，Y配合`, labelled clauses (牵头单位：X；配合单位：Y) or both, separated by ；, into
 * `into`; false (and nothing set) when the text is other prose.
 */
function readClauses(text: string, into: Omit<LeadClauses, 'text'>): boolean {
  const result: Omit<LeadClauses, 'text'> = {};
  let labelledAny = false;
  for (const group of text.split(/[；;]/).map((g) => g.trim()).filter(Boolean)) {
    const labelled = [...group.matchAll(ANY_LABEL)];
    if (labelled.length > 0) {
      if (labelled[0].index !== 0) return false;
      labelledAny = true;
      for (let i = 0; i < labelled.length; i++) {
        const end = i + 1 < labelled.length ? labelled[i + 1].index : group.length;
        readLabelled(labelled[i][1], cleanNames(group.slice(labelled[i].index + labelled[i][0].length, end)), result);
      }
    } else if (!readUnlabelled(group, result)) return false;
  }
  if (!result.leadText && !result.coText && !result.deadlineText) return false;
  // A deadline alone in parentheses (2024年底前) is part of the sentence, not a clause of ours.
  if (!result.leadText && !result.coText && !labelledAny) return false;
  if (result.leadText && !isNames(result.leadText)) return false;
  if (result.coText && !isNames(result.coText)) return false;
  if (result.leadText) into.leadText = into.leadText ? join(into.leadText, result.leadText) : result.leadText;
  if (result.coText) into.coText = join(into.coText, result.coText);
  if (result.deadlineText) into.deadlineText = result.deadlineText;
  return true;
}

function readLabelled(label: string, value: string, result: Omit<LeadClauses, 'text'>): void {
  if (!value) return;
  if (new RegExp(`^${DEADLINE_LABEL}$`).test(label)) result.deadlineText = value;
  else if (new RegExp(`^${LEAD_LABEL}$`).test(label)) {
    // 牵头单位 after a 责任单位 that named the lead first: the 责任单位 all co-operate.
    if (result.leadText) result.coText = join(result.leadText, result.coText);
    result.leadText = value;
  } else if (new RegExp(`^${CO_LABEL}$`).test(label)) result.coText = join(result.coText, value);
  else if (result.leadText) result.coText = join(result.coText, value);
  else {
    // 责任单位 alone: the first named leads (排在首位的为牵头单位).
    const [first, ...others] = splitNames(value);
    result.leadText = first;
    if (others.length) result.coText = join(others.join('、'), result.coText);
  }
}

/** （A牵头，B、C配合）, （A负责）, （A、B按职责分工负责）, （A牵头，B参与，2024年6月底前完成） */
function readUnlabelled(group: string, result: Omit<LeadClauses, 'text'>): boolean {
  for (const clause of group.split(/[，,]/).map((c) => c.trim()).filter(Boolean)) {
    const shared = /^(.+?)按(?:职责)?分工负责$/.exec(clause);
    const lead = /^(.+?)(?:牵头(?:负责|落实|组织)?|负责(?:落实)?|主责)$/.exec(clause);
    const co = /^(.+?)(?:等)?(?:配合|参与|协同|协助|协办)(?:落实)?$/.exec(clause);
    if (shared) {
      const [first, ...others] = splitNames(shared[1]);
      if (!result.leadText) result.leadText = first;
      else others.unshift(first);
      if (others.length) result.coText = join(result.coText, others.join('、'));
    } else if (lead && !result.leadText) result.leadText = cleanNames(lead[1]);
    else if (co) result.coText = join(result.coText, cleanNames(co[1]));
    else if (isDeadline(clause)) result.deadlineText = clause;
    else return false;
  }
  return true;
}

const DEADLINE = /^(?:\d{4}\s*年)?(?:\d{1,2}\s*月)?(?:底|末|中旬|上旬|下旬|前|内|年底|年内|全年|长期|持续)|(?:前|底|内)(?:完成)?$|^(?:长期|持续)(?:推进|坚持)?$|^全年$/;

function isDeadline(clause: string): boolean {
  return DEADLINE.test(clause.replace(/^完成时限为?/, ''));
}

/** A list of unit names: short, no sentence punctuation, no verbs of a measure. */
function isNames(text: string): boolean {
  return text.length <= 80 && !/[。！？]/.test(text) && splitNames(text).every((name) => name.length >= 2 && name.length <= 30);
}

function cleanNames(text: string): string {
  return text.replace(/^[\s：:，,；;]+/, '').replace(/[\s，,；;。、]+$/, '').trim();
}

function join(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return `${a}、${b}`;
}
