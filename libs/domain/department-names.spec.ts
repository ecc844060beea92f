import { leadsFromPlanText, matchDepartments, splitDepartmentNames } from './department-names';

// The sample organization's departments (seeds/organization/organization.json).
const DEPARTMENTS = [
  { code: 'leadership', name: '局领导', kind: 'leadership' },
  { code: 'office', name: '办公室', kind: 'business' },
  { code: 'air', name: '大气环境处', kind: 'business' },
  { code: 'water', name: '水生态环境处', kind: 'business' },
  { code: 'marine', name: '海洋生态环境处', kind: 'business' },
  { code: 'soil', name: '土壤生态环境处', kind: 'business' },
  { code: 'climate', name: '应对气候变化处', kind: 'business' },
  { code: 'solid', name: '固体废物与化学品处', kind: 'business' },
  { code: 'nuclear', name: '核与辐射安全处', kind: 'business' },
  { code: 'permits', name: '环境影响评价与排放管理处', kind: 'business' },
  { code: 'monitoring', name: '生态环境监测处', kind: 'business' },
  { code: 'enforcement', name: '生态环境执法监督处', kind: 'business' },
  { code: 'law', name: '法规与标准处', kind: 'business' },
  { code: 'publicity', name: '宣传教育处', kind: 'business' },
  { code: 'personnel', name: '人事处', kind: 'business' },
  { code: 'party', name: '机关党委', kind: 'business' },
  { code: 'discipline', name: '驻局纪检监察组', kind: 'discipline' },
];

const match = (name: string) => matchDepartments([name], DEPARTMENTS)[0].department;

describe('matchDepartments', () => {
  it.each([
    ['大气环境处', 'air'],
    ['大气处', 'air'],
    ['水处', 'water'],
    ['水环境处', 'water'],
    ['海洋处', 'marine'],
    ['土壤处', 'soil'],
    ['办公室', 'office'],
    ['局办公室', 'office'],
    ['市生态环境局办公室', 'office'],
    ['党政办公室', 'office'],
    ['环评处', 'permits'],
    ['环评与排放处', 'permits'],
    ['固废处', 'solid'],
    ['宣教处', 'publicity'],
    ['法规处', 'law'],
    ['监测处', 'monitoring'],
    ['执法处', 'enforcement'],
    ['执法监督处', 'enforcement'],
    ['气候处', 'climate'],
    ['辐射处', 'nuclear'],
    ['核安全处', 'nuclear'],
    ['人事处', 'personnel'],
    ['机关党委', 'party'],
    ['局机关党委', 'party'],
    ['纪检监察组', 'discipline'],
  ])('%s → %s', (name, code) => {
    expect(match(name)).toBe(code);
  });

  it.each(['各处室', '各科室', '机关各处室', '相关处室', '各区市分局', '执法支队', '监测中心', '市卫生健康委', '财务处', '处'])('%s stays text', (name) => {
    expect(match(name)).toBeNull();
  });

  it('keeps every name, in order, with its match', () => {
    expect(matchDepartments(['大气处', '执法支队'], DEPARTMENTS)).toEqual([
      { name: '大气处', department: 'air' },
      { name: '执法支队', department: null },
    ]);
  });

  it('matches a longer written name ending with the department\'s name', () => {
    expect(matchDepartments(['政策法规处'], [{ code: 'law', name: '法规处' }, { code: 'office', name: '办公室' }])[0].department).toBe('law');
  });

  it('matches no inactive department and calls a tie no match', () => {
    expect(matchDepartments(['大气处'], [{ code: 'air', name: '大气环境处', active: false }])[0].department).toBeNull();
    expect(matchDepartments(['法规处'], [{ code: 'a', name: '法规与标准处' }, { code: 'b', name: '法规与政策处' }])[0].department).toBeNull();
  });
});

describe('splitDepartmentNames', () => {
  it('splits at 、，；/ and at 和/及 between unit names', () => {
    expect(splitDepartmentNames('大气处、执法支队，监测中心；办公室')).toEqual(['大气处', '执法支队', '监测中心', '办公室']);
    expect(splitDepartmentNames('人事处和机关党委')).toEqual(['人事处', '机关党委']);
    expect(splitDepartmentNames('固体废物与化学品处')).toEqual(['固体废物与化学品处']);
  });
});

describe('leadsFromPlanText', () => {
  it('gives each measure that names its lead the matched lead, co-departments and the unmatched names', () => {
    expect(
      leadsFromPlanText(
        [
          { code: '1.1.1', leadText: '大气处', coText: '执法支队' },
          { code: '1.1.2', leadText: '环评处', coText: '法规处、各区市分局' },
          { code: '1.2.1', leadText: '机关党委', coText: '各处室' },
          { code: '1.2.2', leadText: '市卫生健康委' },
          { code: '1.2.3', leadText: '大气处、水处' },
          { code: '1.2.4' },
        ],
        DEPARTMENTS,
      ),
    ).toEqual({
      '1.1.1': { lead: 'air', co: [], unmatched: ['执法支队'] },
      '1.1.2': { lead: 'permits', co: ['law'], unmatched: ['各区市分局'] },
      '1.2.1': { lead: 'party', co: [], unmatched: ['各处室'] },
      '1.2.2': { lead: null, co: [], unmatched: ['市卫生健康委'] },
      '1.2.3': { lead: 'air', co: ['water'], unmatched: [] },
    });
  });

  it('suggests only business departments', () => {
    expect(leadsFromPlanText([{ code: '1', leadText: '纪检监察组' }], DEPARTMENTS)['1'].lead).toBeNull();
  });
});
