// Layout: targets wherever they are stated, with unit-less values, 岁 and 万.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { summarize } from './fixtures/summary';

const TEXT = readFileSync(path.join(__dirname, 'fixtures/province-health-indicators.txt'), 'utf8');

describe('layout: indicators in a target chapter and in a section', () => {
  const plan = parsePlan(TEXT);

  it('reads the target chapter and a section\'s own 主要指标 list (coded <section>.0.<n>, apart from its measures)', () => {
    expect(summarize(plan)).toEqual({
      title: '某省卫生健康委员会2025年工作要点',
      year: 2025,
      targets: [
        '1.1 人均预期寿命达到79.5岁。',
        '1.2 全省居民健康素养水平达到35%以上。',
        '1.3 健康中国行动考核发展指数达85。',
        '1.4 全年开展健康体检服务1000万人次，基本公共卫生服务覆盖常住人口9800万人。',
        '1.5 每千人口执业（助理）医师数达到3.6人，每千人口医疗卫生机构床位数达到7.2张。',
        '2.2.0.1 法定传染病报告率达到100%。',
        '2.2.0.2 适龄儿童免疫规划疫苗接种率保持在95%以上。',
      ],
      sections: ['2/2.1 推进优质医疗资源扩容下沉', '2/2.2 提升公共卫生能力'],
      measures: ['2.1.1 建设国家区域医疗中心', '2.1.2 推进县级医院能力提升', '2.2.1 完善疾病预防控制体系', '2.2.2 加强基层公共卫生队伍建设'],
    });
  });

  it('keeps each indicator\'s quantity: 岁, a unit-less index, 万人次 and 万人', () => {
    expect(plan.targets.slice(0, 5).map((t) => t.quantities)).toEqual([
      [{ value: 79.5, unit: '岁', text: '人均预期寿命' }],
      [{ value: 35, unit: '%', text: '全省居民健康素养水平' }],
      [{ value: 85, unit: '', text: '健康中国行动考核发展指数' }],
      [
        { value: 1000, unit: '万人次', text: '健康体检服务' },
        { value: 9800, unit: '万人', text: '基本公共卫生服务覆盖常住人口' },
      ],
      [
        { value: 3.6, unit: '人', text: '每千人口执业（助理）医师数' },
        { value: 7.2, unit: '张', text: '每千人口医疗卫生机构床位数' },
      ],
    ]);
  });

  it('reads the 主要目标 of a 总体要求 chapter as targets', () => {
    const plan2 = parsePlan(
      ['某区卫生健康局2024年工作计划', '一、总体要求', '（一）指导思想。以人民健康为中心。', '（二）主要目标。到2024年底，居民电子健康档案建档率达到90%；家庭医生签约服务覆盖率稳定在45%以上。', '二、重点工作', '1.推进家庭医生签约服务。'].join('\n'),
    );
    expect(summarize(plan2).targets).toEqual(['1.2.1 到2024年底，居民电子健康档案建档率达到90%。', '1.2.2 家庭医生签约服务覆盖率稳定在45%以上。']);
    expect(summarize(plan2).measures).toEqual(['2.1 推进家庭医生签约服务']);
  });
});
