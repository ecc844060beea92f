// Holiday data for the working-day calendar, outside workflow code: the arrangements bundled with
// the chinese-days package (2004–2026), overridden by years an administrator loaded from the
// official notice.
//
// We read the package's generated data file, not its functions: the maps there are keyed by
// 'YYYY-MM-DD' strings, whereas its functions parse in UTC and format in local time, so under a
// negative-offset TZ (e.g. America/Los_Angeles) they answer for the previous day.
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { validateOfficialYear, type CalendarData, type CalendarYear } from '@duban/domain';

/** Shape of chinese-days/dist/chinese-days.json: date → "English name,中文名,days". */
interface ChineseDaysData {
  /** Every day off of each holiday block, weekend days included. */
  holidays: Record<string, string>;
  /** Make-up working days (调休上班日). */
  workdays: Record<string, string>;
  /** Weekdays off that are paid back by a make-up day (a subset of holidays); not needed here. */
  inLieuDays: Record<string, string>;
}

const raw: ChineseDaysData = chineseDaysData;

const byYear = (dates: string[], year: number): string[] => dates.filter((d) => d.startsWith(`${year}-`)).sort();

/** Years the package has data for, ascending. */
export function bundledYears(): number[] {
  const years = new Set([...Object.keys(raw.holidays), ...Object.keys(raw.workdays)].map((d) => Number(d.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

/**
 * The bundled arrangements, for the given years or all the package knows (2004–2026 in v1.5.7).
 * Years it does not know are left out, so the calendar treats them as uncovered.
 */
export function bundledCalendarData(years: number[] = bundledYears()): CalendarData {
  // The package's data never changes while the process runs: each set of years is built once
  // (every measure workflow asks for its own five years when it starts).
  const key = years.join(',');
  const cached = BUILT.get(key);
  if (cached) return cached;
  const built = buildCalendarData(years);
  BUILT.set(key, built);
  return built;
}

const BUILT = new Map<string, CalendarData>();

function buildCalendarData(years: number[]): CalendarData {
  const known = new Set(bundledYears());
  const holidays = Object.keys(raw.holidays);
  const workdays = Object.keys(raw.workdays);
  const data: CalendarData = { years: {} };
  for (const year of [...new Set(years)].filter((y) => known.has(y)).sort((a, b) => a - b)) {
    const entry: CalendarYear = { holidays: byYear(holidays, year), workdays: byYear(workdays, year), source: 'bundled' };
    // Guards a package upgrade that changes the data's shape or meaning.
    const problems = validateOfficialYear(year, entry);
    if (problems.length > 0) throw new Error(`chinese-days data for ${year} is inconsistent:\n${problems.join('\n')}`);
    data.years[String(year)] = entry;
  }
  return data;
}
