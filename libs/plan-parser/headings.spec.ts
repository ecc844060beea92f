import { chineseNumeralValue, parseHeading, planTitle, titleYear } from './headings';

describe('chineseNumeralValue', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['十九', 19],
    ['二十', 20],
    ['二十三', 23],
  ])('%s → %d', (numeral, value) => {
    expect(chineseNumeralValue(numeral)).toBe(value);
  });

  it.each(['', '十十', '一二', '二十十', '十二三'])('rejects %j', (numeral) => {
    expect(chineseNumeralValue(numeral)).toBeUndefined();
  });
});

describe('parseHeading', () => {
  it('recognises chapters, sections and measures in their usual spellings', () => {
    expect(parseHeading('一、主要目标指标')).toEqual({ kind: 'chapter', number: 1, text: '主要目标指标' });
    expect(parseHeading('十二、其他')).toEqual({ kind: 'chapter', number: 12, text: '其他' });
    expect(parseHeading('（一）协同治理。')).toEqual({ kind: 'section', number: 1, text: '协同治理。' });
    expect(parseHeading('(二十)其他')).toEqual({ kind: 'section', number: 20, text: '其他' });
    expect(parseHeading('( 三 ) 其他')).toEqual({ kind: 'section', number: 3, text: '其他' });
    for (const marker of ['1.', '1、', '1．', '１．', '１.', '1 .']) {
      expect(parseHeading(`${marker}深化治理。`)).toEqual({ kind: 'measure', number: 1, text: '深化治理。' });
    }
    expect(parseHeading('１２．新建２个站')).toEqual({ kind: 'measure', number: 12, text: '新建２个站' });
    for (const marker of ['（1）', '(1)', '1）', '1)', '①', '（１）']) {
      expect(parseHeading(`${marker}开展排查。`)).toEqual({ kind: 'sub', number: 1, text: '开展排查。' });
    }
    expect(parseHeading('⑫补齐短板')).toEqual({ kind: 'sub', number: 12, text: '补齐短板' });
  });

  it('leaves prose alone', () => {
    for (const line of ['2.5万吨以上码头完成治理', '2022年是关键之年', '一、二类水体比例', '三、四季度完成', '一是加强领导', '以习近平新时代…为指导', '']) {
      expect(parseHeading(line)).toBeUndefined();
    }
  });
});

describe('titleYear', () => {
  it.each([
    ['青岛市生态环境局2022年工作要点', 2022],
    ['某市水务局２０２５年工作要点', 2025],
    ['2024年工作计划', 2024],
    ['某区2023年度生态环境保护工作安排', 2023],
    ['关于印发《某局2022年工作要点》的通知', 2022],
    ['某县2024年优化营商环境重点任务', 2024],
    ['某市市场监管局2024年工作任务清单', 2024],
    ['某区交通运输局2025年重点工作任务分解表', 2025],
  ])('%s → %d', (line, year) => {
    expect(titleYear(line)).toBe(year);
  });

  it.each([
    ['关于印发《某省卫生健康委员会2023年工作要点》的通知', '某省卫生健康委员会2023年工作要点'],
    ['《某市教育局2024年工作要点》政策解读', '某市教育局2024年工作要点'],
    ['关于《某区市场监督管理局2024年工作计划》的解读', '某区市场监督管理局2024年工作计划'],
    ['某镇2024年工作要点', '某镇2024年工作要点'],
  ])('plan name in %s', (line, title) => {
    expect(planTitle(line)?.title).toBe(title);
  });

  it.each([
    '青岛政务网 发布日期 : 2022-02-25',
    '首页 > 规划计划 > 青岛市生态环境局2022年工作要点',
    '生态环境局工作要点',
    '现将《某局2022年工作要点》印发给你们，请认真贯彻落实。',
    '2024年重点任务如下：',
    '现将2022年工作要点印发给你们，请认真贯彻落实。',
  ])('not a title: %s', (line) => {
    expect(titleYear(line)).toBeUndefined();
  });
});
