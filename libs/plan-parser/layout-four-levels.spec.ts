// Layout: four levels 二、 > （一） > 1. > （1）; sub-items are the measure's checklist.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { measuresByCode, summarize } from './fixtures/summary';

const TEXT = readFileSync(path.join(__dirname, 'fixtures/city-market-four-levels.txt'), 'utf8');

describe('layout: four levels with （1）（2） sub-items', () => {
  const plan = parsePlan(TEXT);

  it('keeps the measures at the 1. level, skips 总体要求, and reads 保障措施 paragraphs as work', () => {
    expect(summarize(plan)).toEqual({
      title: '某市市场监督管理局2024年工作要点',
      year: 2024,
      targets: [],
      sections: ['2/2.1 守牢食品安全底线', '2/2.2 提升质量发展水平', '3/3 '],
      measures: ['2.1.1 强化食品生产经营监管', '2.1.2 加强特殊食品监管', '2.2.1 实施质量强市战略', '2.2.2 加强计量工作', '3.1 加强组织领导', '3.2 强化督促检查'],
    });
  });

  it('puts （1）（2）（3） lines in subItems, not in the body, with the lead written after them', () => {
    expect(measuresByCode(plan).get('2.1.1')).toEqual({
      code: '2.1.1',
      title: '强化食品生产经营监管',
      body: '',
      quantities: [{ value: 3.5, unit: '万批次', text: '食品安全监督抽检' }],
      subItems: ['开展校园食品安全守护行动，实现学校食堂“互联网+明厨亮灶”全覆盖', '深化农村假冒伪劣食品专项整治', '完成食品安全监督抽检3.5万批次'],
      leadText: '食品经营安全监督管理处',
      coText: '食品生产安全监督管理处',
    });
    expect(measuresByCode(plan).get('2.2.1')).toMatchObject({ subItems: ['开展质量提升行动', '新培育市长质量奖企业5家'], quantities: [{ value: 5, unit: '家', text: '市长质量奖企业' }] });
  });

  it('reads inline ①② as a checklist', () => {
    expect(measuresByCode(plan).get('2.1.2')!.subItems).toEqual(['规范保健食品标签标识管理', '开展婴幼儿配方乳粉生产企业体系检查全覆盖']);
  });

  it('numbers a section of 1. items with （1） children and a section of （1） items alike', () => {
    const plan2 = parsePlan('某局2024年工作要点\n二、重点任务\n（一）安全生产\n（1）开展隐患排查；\n（2）组织应急演练。\n');
    expect(summarize(plan2).measures).toEqual(['2.1.1 开展隐患排查', '2.1.2 组织应急演练']);
  });
});
