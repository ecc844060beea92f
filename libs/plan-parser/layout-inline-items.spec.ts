// Layout: items written inside a paragraph as 一是……二是……三是…… (a township government).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { measuresByCode, summarize } from './fixtures/summary';

const TEXT = readFileSync(path.join(__dirname, 'fixtures/township-yishi-items.txt'), 'utf8');

describe('layout: 一是……二是…… inside paragraphs', () => {
  const plan = parsePlan(TEXT);

  it('makes them measures of the section or chapter heading they follow, and a checklist inside a numbered item', () => {
    expect(summarize(plan)).toEqual({
      title: '某镇人民政府2024年工作要点',
      year: 2024,
      targets: [],
      sections: ['1/1.1 做强特色农业', '1/1.2 壮大工业经济', '2/2 ', '3/3 '],
      measures: [
        '1.1.1 扩大设施蔬菜种植规模，新建高标准大棚200亩',
        '1.1.2 培育农业龙头企业，新增市级以上龙头企业2家',
        '1.1.3 打造“一村一品”示范村3个',
        '1.2.1 实施“招商引资攻坚年”行动，全年引进亿元以上项目3个',
        '1.2.2 推动园区企业技术改造，完成技改投资1.2亿元',
        '2.1 推进农村生活垃圾分类，实现行政村全覆盖',
        '2.2 实施农村户厕改造500户',
        '2.3 完成3个村的污水管网建设',
        '3.1 深化网格化管理',
        '3.2 抓好安全生产',
      ],
    });
    expect(plan.chapters[1].title).toBe('改善人居环境，建设宜居乡村');
  });

  it('keeps the 一是 of a numbered measure as its checklist, with its lead', () => {
    expect(measuresByCode(plan).get('3.1')).toEqual({
      code: '3.1',
      title: '深化网格化管理',
      body: '一是优化网格设置，配齐专职网格员；二是完善“街呼镇应”工作机制。',
      quantities: [],
      subItems: ['优化网格设置，配齐专职网格员', '完善“街呼镇应”工作机制'],
      leadText: '党政办公室',
      coText: '综治中心',
    });
  });

  it('gives each inline measure its own quantities', () => {
    const m = measuresByCode(plan);
    expect(m.get('1.1.1')!.quantities).toEqual([{ value: 200, unit: '亩', text: '高标准大棚' }]);
    expect(m.get('1.2.2')!.quantities).toEqual([{ value: 1.2, unit: '亿元', text: '技改投资' }]);
    expect(m.get('2.2')!.quantities).toEqual([{ value: 500, unit: '户', text: '农村户厕改造' }]);
  });
});
