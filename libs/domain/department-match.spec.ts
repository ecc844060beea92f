import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '@duban/plan-parser';
import { departmentKeywords, isGeneralOffice, topicOccurrences, suggestDepartments, suggestionCounts, type DepartmentCandidate, type MatchChapter } from './department-match';

const root = path.join(__dirname, '..', '..');
const organization = JSON.parse(fs.readFileSync(path.join(root, 'seeds', 'organization', 'organization.json'), 'utf8')) as { departments: DepartmentCandidate[] };
/** The sample organization's hand-made suggestions for the 2022 plan (seeds/organization). */
const byHand = (JSON.parse(fs.readFileSync(path.join(root, 'seeds', 'organization', 'suggested-leads.json'), 'utf8')) as { leads: Record<string, string> }).leads;
const plan = parsePlan(fs.readFileSync(path.join(root, 'seeds', 'qingdao-2022-work-plan.txt'), 'utf8'));

const departments: DepartmentCandidate[] = [
  { code: 'office', name: '办公室', kind: 'business' },
  { code: 'air', name: '大气环境处', kind: 'business' },
  { code: 'water', name: '水生态环境处', kind: 'business' },
  { code: 'soil', name: '土壤生态环境处', kind: 'business' },
  { code: 'leaders', name: '局领导', kind: 'leadership' },
];
const chapter = (title: string, sectionTitle: string, measures: Array<[string, string, string?]>): MatchChapter => ({
  code: '2',
  title,
  sections: [{ code: '2.1', title: sectionTitle, measures: measures.map(([code, t, body]) => ({ code, title: t, body: body ?? '' })) }],
});

describe('department keywords', () => {
  it('come from the name itself, without the words every department carries, plus the official terms', () => {
    const air = departmentKeywords('大气环境处').map((k) => k.term);
    expect(air).toEqual(expect.arrayContaining(['大气', '空气', 'PM2.5', '臭氧', 'VOCs', '蓝天']));
    expect(air).not.toContain('环境');
    expect(departmentKeywords('水生态环境处').map((k) => k.term)).toEqual(expect.arrayContaining(['水', '河', '湖', '污水', '饮用水']));
    expect(departmentKeywords('土壤生态环境处').map((k) => k.term)).toEqual(expect.arrayContaining(['土壤', '地下水']));
    expect(departmentKeywords('固体废物与化学品处').map((k) => k.term)).toEqual(expect.arrayContaining(['固体废物', '化学品', '危险废物', '固废', '危废']));
    // A name the table does not know still matches on its own words.
    expect(departmentKeywords('农村环境整治科').map((k) => k.term)).toEqual(expect.arrayContaining(['农村环境整治', '农村', '整治']));
  });

  it('do not count a single character inside words that mean something else', () => {
    expect(topicOccurrences('以高水平保护推动高质量发展', '水')).toBe(0);
    expect(topicOccurrences('完成排污许可证核查和考核', '核')).toBe(0);
    expect(topicOccurrences('推进核技术利用监管', '核')).toBe(1);
    expect(topicOccurrences('治理VOCs，vocs减排', 'VOCs')).toBe(2);
  });

  it('knows a general office', () => {
    expect(isGeneralOffice('办公室')).toBe(true);
    expect(isGeneralOffice('综合处')).toBe(true);
    expect(isGeneralOffice('大气环境处')).toBe(false);
  });
});

describe('suggestDepartments', () => {
  it('matches topics to names: air, water and soil measures go to their departments', () => {
    const s = suggestDepartments(
      [chapter('深入打好污染防治攻坚战', '统筹推进', [
        ['2.1.1', '打好夏秋季臭氧污染防治攻坚战', '聚焦VOCs和氮氧化物协同减排'],
        ['2.1.2', '推进入河排污口整治', '完成污水处理设施提质增效'],
        ['2.1.3', '严格建设用地土壤环境准入', '加强地下水污染防治'],
      ])],
      departments,
    );
    expect(s).toEqual({
      '2.1.1': { department: 'air', basis: 'text' },
      '2.1.2': { department: 'water', basis: 'text' },
      '2.1.3': { department: 'soil', basis: 'text' },
    });
  });

  it('takes the lead the plan itself gives, by the department’s name or its words', () => {
    const s = suggestDepartments(
      [
        chapter('深入打好污染防治攻坚战', '统筹推进', [
          ['2.1.1', '打好臭氧污染防治攻坚战'],
          ['2.1.2', '打好臭氧污染防治攻坚战'],
          ['2.1.3', '打好臭氧污染防治攻坚战'],
          ['2.1.4', '打好臭氧污染防治攻坚战'],
        ]),
      ].map((c) => ({
        ...c,
        sections: c.sections.map((sec) => ({
          ...sec,
          measures: sec.measures.map((m, i) => ({ ...m, leadText: ['水生态环境处', '土壤生态环境处、水生态环境处', '水生态处', '未知单位'][i] })),
        })),
      })),
      departments,
    );
    expect(s).toEqual({
      '2.1.1': { department: 'water', basis: 'plan' },
      '2.1.2': { department: 'soil', basis: 'plan' },
      '2.1.3': { department: 'water', basis: 'plan' },
      // A lead no department answers to: the text decides.
      '2.1.4': { department: 'air', basis: 'text' },
    });
  });

  it('takes the department the text names, first named first', () => {
    const s = suggestDepartments([chapter('其他工作', '其他', [['2.1.1', '做好污水治理', '牵头：土壤生态环境处；配合：水生态环境处']])], departments);
    expect(s['2.1.1']).toEqual({ department: 'soil', basis: 'named' });
  });

  it('lets the chapter decide a tie or a measure that says nothing, then the office, else nobody', () => {
    // 土壤 and 大气 weigh the same in the title: the chapter (蓝天) decides; it also decides a silent measure.
    const tie = chapter('打好蓝天保卫战', '其他', [
      ['2.1.1', '统筹土壤和大气治理'],
      ['2.1.2', '完成年度任务'],
    ]);
    expect(suggestDepartments([tie], departments)).toEqual({
      '2.1.1': { department: 'air', basis: 'chapter' },
      '2.1.2': { department: 'air', basis: 'chapter' },
    });
    // A tie the chapter does not break goes to the office.
    expect(suggestDepartments([chapter('打好碧水保卫战', '其他', [['2.1.1', '统筹土壤和大气治理']])], departments)['2.1.1']).toEqual({ department: 'office', basis: 'office' });
    const silent = chapter('加强基础工作', '完善机制', [['2.1.1', '完成年度任务']]);
    expect(suggestDepartments([silent], departments)['2.1.1']).toEqual({ department: 'office', basis: 'office' });
    expect(suggestDepartments([silent], departments.filter((d) => d.code !== 'office'))['2.1.1']).toEqual({ department: null, basis: 'none' });
  });

  it('suggests only active business departments', () => {
    const s = suggestDepartments([chapter('打好蓝天保卫战', '大气', [['2.1.1', '治理扬尘']])], [
      { code: 'air-old', name: '大气环境处', kind: 'business', active: false },
      { code: 'leaders', name: '大气领导', kind: 'leadership' },
      { code: 'office', name: '综合处', kind: 'business' },
    ]);
    expect(s['2.1.1']).toEqual({ department: 'office', basis: 'office' });
  });

  it('gives every measure of the 2022 plan a department, agreeing with the sample organization on most', () => {
    const s = suggestDepartments(plan.chapters, organization.departments);
    const codes = plan.chapters.flatMap((c) => c.sections.flatMap((sec) => sec.measures.map((m) => m.code)));
    expect(Object.keys(s).sort()).toEqual([...codes].sort());
    expect(suggestionCounts(s).none).toBe(0);
    const agree = codes.filter((code) => s[code].department === byHand[code]);
    expect(agree.length).toBeGreaterThanOrEqual(45); // of 57; the rest are judgement calls (农村污水: 水 or 土壤?)
    expect(s['2.1.1'].department).toBe('air');
    expect(s['2.2.5'].department).toBe('marine');
    expect(s['2.3.5'].department).toBe('solid');
    expect(s['3.1.2'].department).toBe('climate');
    expect(s['6.3.1'].department).toBe('personnel');
    expect(s['6.1.1'].department).toBe('party');
  });
});
