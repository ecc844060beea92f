import { OFFICIAL_2024_2026 } from './official-2024-2026.fixture';
import { validateOfficialYear } from './validate-official-year';

describe('validateOfficialYear', () => {
  it('accepts the real 2024–2026 arrangements, holidays on weekends included', () => {
    for (const [year, data] of Object.entries(OFFICIAL_2024_2026.years)) {
      expect(validateOfficialYear(Number(year), data)).toEqual([]);
    }
    // 2025-10-04/05 are a Saturday and Sunday inside the National Day block.
    expect(validateOfficialYear(2025, { holidays: ['2025-10-04', '2025-10-05'], workdays: [] })).toEqual([]);
  });

  it('reports dates that are not valid YYYY-MM-DD', () => {
    const problems = validateOfficialYear(2025, { holidays: ['2025-02-29', '2025/10/01', '2025-10-01'], workdays: ['2025-9-28'] });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('"2025-02-29"');
    expect(problems.join('\n')).toContain('"2025/10/01"');
    expect(problems.join('\n')).toContain('"2025-9-28"');
    expect(problems.every((p) => p.includes('invalid date'))).toBe(true);
  });

  it('reports dates outside the year', () => {
    expect(validateOfficialYear(2025, { holidays: ['2025-01-01', '2024-12-31'], workdays: ['2026-01-04'] })).toEqual([
      '放假日 (holidays): 日期不在 2025 年内 (date outside 2025): 2024-12-31',
      '调休上班日 (make-up workdays): 日期不在 2025 年内 (date outside 2025): 2026-01-04',
    ]);
  });

  it('reports a day that is both a holiday and a make-up day', () => {
    expect(validateOfficialYear(2025, { holidays: ['2025-09-28'], workdays: ['2025-09-28'] })).toEqual([
      '同一天既是放假日又是调休上班日 (both holiday and make-up workday): 2025-09-28',
    ]);
  });

  it('reports duplicates', () => {
    expect(validateOfficialYear(2025, { holidays: ['2025-10-01', '2025-10-01'], workdays: ['2025-10-11', '2025-10-11'] })).toEqual([
      '放假日 (holidays): 日期重复 (duplicate date): 2025-10-01',
      '调休上班日 (make-up workdays): 日期重复 (duplicate date): 2025-10-11',
    ]);
  });

  it('reports make-up workdays that are not weekend days', () => {
    expect(validateOfficialYear(2025, { holidays: ['2025-10-01'], workdays: ['2025-10-10'] })).toEqual([
      '调休上班日 (make-up workdays): 不是周六或周日 (not a weekend day): 2025-10-10',
    ]);
  });

  it('reports an empty holiday list and an invalid year', () => {
    expect(validateOfficialYear(2025, { holidays: [], workdays: [] })).toEqual(['放假日 (holidays): 没有任何放假日 (no holidays listed)']);
    expect(validateOfficialYear(25, { holidays: ['2025-10-01'], workdays: [] })).toEqual(['年份无效 (invalid year): 25']);
  });
});
