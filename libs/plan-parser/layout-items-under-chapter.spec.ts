// Layout: numbered items straight under a chapter, no （一） sections (a district health bureau).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { measuresByCode, summarize } from './fixtures/summary';

const TEXT = readFileSync(path.join(__dirname, 'fixtures/district-health-items-under-chapters.txt'), 'utf8');

describe('layout: 1. items directly under 一、 chapters', () => {
  const plan = parsePlan(TEXT);

  it('codes the items <chapter>.<n> in one untitled section per chapter', () => {
    expect(summarize(plan)).toEqual({
      title: '某区卫生健康局2024年工作要点',
      year: 2024,
      targets: [],
      sections: ['1/1 ', '2/2 ', '3/3 ', '4/4 '],
      measures: [
        '1.1 推进紧密型县域医疗卫生共同体建设',
        '1.2 深化公立医院综合改革',
        '1.3 推进医保支付方式改革',
        '2.1 加强重点专科建设',
        '2.2 改善群众就医体验',
        '2.3 加强基层医疗卫生机构建设',
        '3.1 做好传染病防控',
        '3.2 实施基本公共卫生服务项目',
        '3.3 加强妇幼健康服务',
        '4.1 落实全面从严治党主体责任',
        '4.2 加强行风建设',
      ],
    });
    expect(plan.chapters.map((c) => [c.code, c.title])).toEqual([
      ['1', '深化医药卫生体制改革'],
      ['2', '提升医疗服务能力'],
      ['3', '强化公共卫生服务'],
      ['4', '加强党的建设'],
    ]);
  });

  it('reads who leads from a parenthesis and from a 牵头单位 line, and takes them out of the text', () => {
    const m = measuresByCode(plan);
    expect(m.get('1.1')).toMatchObject({ leadText: '医政医管科', coText: '基层卫生健康科', body: '完善医共体内人员、财务、药品统一管理机制，年内实现牵头医院与成员单位信息互联互通。' });
    expect(m.get('2.3')).toMatchObject({ leadText: '基层卫生健康科', coText: '规划发展与信息化科', body: '完成5家社区卫生服务中心标准化改造。' });
    expect(m.get('4.1')).toEqual({ code: '4.1', title: '落实全面从严治党主体责任', body: '', quantities: [], leadText: '机关党委', coText: '各科室' });
    expect(m.get('1.2')).not.toHaveProperty('leadText');
  });

  it('reads rates per 10 万, per mille and an age bracket', () => {
    const m = measuresByCode(plan);
    expect(m.get('3.3')!.quantities).toEqual([
      { value: 10, unit: '/10万', text: '孕产妇死亡率' },
      { value: 4, unit: '‰', text: '婴儿死亡率' },
    ]);
    // 65岁以上 qualifies who is counted; the commitment is the 70%.
    expect(m.get('3.2')!.quantities).toEqual([{ value: 70, unit: '%', text: '65岁以上老年人健康管理率' }]);
  });
});
