// Layout: no 一、 chapters; the （一）（二） paragraphs are the work items (a province market regulator).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { measuresByCode, summarize } from './fixtures/summary';

const TEXT = readFileSync(path.join(__dirname, 'fixtures/province-market-no-chapters.txt'), 'utf8');

describe('layout: （一）（二） paragraphs without chapters', () => {
  const plan = parsePlan(TEXT);

  it('makes each paragraph a measure coded by its own number', () => {
    expect(summarize(plan)).toEqual({
      title: '某省市场监督管理局2024年工作要点',
      year: 2024,
      targets: [
        '0.1 全省经营主体总量达到1000万户，其中企业突破300万户。',
        '0.2 食品安全评价性抽检合格率保持在98%以上。',
        '0.3 药品安全形势总体稳定。',
        '0.4 营商环境发展指数达85。',
      ],
      sections: ['0/0 '],
      measures: [
        '1 持续优化营商环境',
        '2 强化公平竞争治理',
        '3 守牢食品安全底线',
        '4 加强药品安全监管',
        '5 提升产品质量安全水平',
        '6 夯实质量基础设施',
        '7 加强知识产权保护',
        '8 加强自身建设',
      ],
    });
    expect(plan.chapters).toHaveLength(1);
    expect(plan.chapters[0]).toMatchObject({ code: '0', title: '' });
  });

  it('reads the 主要目标 paragraph of the preface as targets, with unit-less and 万 values', () => {
    expect(plan.targets[0].quantities).toEqual([
      { value: 1000, unit: '万户', text: '全省经营主体总量' },
      { value: 300, unit: '万户', text: '其中企业' },
    ]);
    expect(plan.targets[3].quantities).toEqual([{ value: 85, unit: '', text: '营商环境发展指数' }]);
  });

  it('keeps the bodies, leads and quantities of the paragraphs', () => {
    const m = measuresByCode(plan);
    expect(m.get('1')).toMatchObject({ leadText: '登记注册局', body: '深化“高效办成一件事”改革，推进经营主体登记全程电子化，企业开办时间压减至1个工作日以内。', quantities: [] });
    expect(m.get('3')!.quantities).toEqual([{ value: 20, unit: '万批次', text: '食品安全监督抽检' }]);
    expect(m.get('8')).toMatchObject({ leadText: '机关党委', coText: '机关各处室' });
  });
});
