// Who a plan says leads a measure (牵头单位, as written: 大气处, 局办公室, 环评处) matched to the
// organization's own departments (大气环境处, 办公室, 环境影响评价与排放管理处) by name and the
// abbreviations bureaus commonly use. Pure. A name that matches no department, or more than one
// equally well, is kept as text (shown to whoever assigns) rather than guessed.
// (Topic matching, for measures whose plan names no one, is department-match.ts.)

export interface NamedDepartment {
  code: string;
  name: string;
  kind?: string;
  active?: boolean;
}

export interface DepartmentNameMatch {
  /** The name as the plan writes it. */
  name: string;
  /** The matched department's code, or null (kept as text). */
  department: string | null;
}

/** Splits a list of unit names as plans write them: 大气处、执法支队；监测中心 / 人事处和机关党委. */
export function splitDepartmentNames(text: string): string[] {
  return text
    .split(/[、，,；;\/／\s]+|(?<=[处室科委局办组队所站心院厅部会股])(?:和|及)/)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Not one department but a group: 各处室, 相关科室, 局属各单位, 各区市分局. */
const GROUP = /^(?:各|相关|有关|其他|局属|委属|机关各|直属|所属|全局|全体)|各(?:处室|科室|单位|部门|分局)$/;
/** What only says the unit belongs to the bureau: 局办公室, 市生态环境局办公室, 驻局纪检监察组. */
const ORG_PREFIX = /^(?:[^（）()]{0,12}?(?:局|委员会|委|厅|政府)|本局|驻局|驻委)(?=[^（）()]{2,}$)/;
/** Words abbreviations leave out: 大气(环境)处, 水(生态环境)处, 法规(与标准)处. */
const GENERIC = /生态环境|环境|生态|管理|工作|[与和及、·]/g;
/** What kind of unit a name ends with: 处, 科, 室, 中心 … (must agree for an abbreviation to match). */
const UNIT_KIND = /(处|科|室|办|股|组|委|中心|队|站|所|院|局)$/;

function normalize(name: string): string {
  return name
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\s+/g, '')
    .replace(ORG_PREFIX, '');
}

function compact(name: string): string {
  return normalize(name).replace(GENERIC, '') || normalize(name);
}

function unitKind(name: string): string | undefined {
  return UNIT_KIND.exec(name)?.[1];
}

/** Every character of `short` occurs in `long` in order. */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** How well a written name fits a department name (0: not at all). */
function score(written: string, department: string): number {
  const n = normalize(written);
  const d = normalize(department);
  if (!n || !d) return 0;
  if (written === department || n === d) return 100;
  const nc = compact(written);
  const dc = compact(department);
  if (nc === dc) return 90;
  const kind = unitKind(n);
  if (kind && kind === unitKind(d)) {
    // 环评处 ↔ 环境影响评价与排放管理处, 宣教处 ↔ 宣传教育处, 执法处 ↔ 生态环境执法监督处.
    if ((isSubsequence(n, d) && n[0] === d[0]) || (isSubsequence(nc, dc) && nc[0] === dc[0])) return 80;
  }
  // 党政办公室 ↔ 办公室, 政策法规处 ↔ 法规处: one name ends with the whole other.
  if (Math.min(n.length, d.length) >= 3 && (n.endsWith(d) || d.endsWith(n))) return 70;
  // 气候处 ↔ 应对气候变化处, 辐射处 ↔ 核与辐射安全处.
  if (kind && kind === unitKind(d) && nc.length - kind.length >= 2 && isSubsequence(nc, dc)) return 60;
  return 0;
}

/**
 * Each written name with the one department it names (best score; a tie is no match). Groups
 * (各处室) and names no active department fits stay unmatched.
 */
export function matchDepartments(names: readonly string[], departments: readonly NamedDepartment[]): DepartmentNameMatch[] {
  const candidates = departments.filter((d) => d.active !== false);
  return names.map((name) => {
    if (GROUP.test(name)) return { name, department: null };
    let best = 0;
    let winners: NamedDepartment[] = [];
    for (const d of candidates) {
      const s = score(name, d.name);
      if (s === 0 || s < best) continue;
      if (s > best) {
        best = s;
        winners = [d];
      } else winners.push(d);
    }
    return { name, department: winners.length === 1 ? winners[0].code : null };
  });
}

/** What a measure's own lead clause says, matched: the lead, the co-departments, and what matched nothing. */
export interface ParsedLeads {
  lead: string | null;
  co: string[];
  /** Names as written that no department matched (shown, never dropped). */
  unmatched: string[];
}

/**
 * For every measure whose plan text names who leads (`leadText`, `coText` as the parser found
 * them): the matched lead (the first lead name that matches; other lead names co-operate) and
 * co-departments. Only active business departments lead or co-operate (as with topic suggestions).
 */
export function leadsFromPlanText(
  measures: ReadonlyArray<{ code: string; leadText?: string; coText?: string }>,
  departments: readonly NamedDepartment[],
): Record<string, ParsedLeads> {
  const business = departments.filter((d) => (d.kind === undefined || d.kind === 'business') && d.active !== false);
  const result: Record<string, ParsedLeads> = {};
  for (const measure of measures) {
    if (!measure.leadText && !measure.coText) continue;
    const leads = matchDepartments(splitDepartmentNames(measure.leadText ?? ''), business);
    const cos = matchDepartments(splitDepartmentNames(measure.coText ?? ''), business);
    const lead = leads.find((m) => m.department)?.department ?? null;
    const co = [...new Set([...leads, ...cos].map((m) => m.department).filter((d): d is string => d !== null && d !== lead))];
    const unmatched = [...leads, ...cos].filter((m) => !m.department).map((m) => m.name);
    result[measure.code] = { lead, co, unmatched };
  }
  return result;
}
