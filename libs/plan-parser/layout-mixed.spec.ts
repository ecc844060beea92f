// Layouts mixed within one document. These three fixtures were written after the parser, as a
// check on documents it had not been shaped on (two of them first showed defects, since fixed:
// 三是 read into a quantity's noun, and 重点工作任务 not taken for a plan name).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { measuresByCode, summarize } from './fixtures/summary';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('layout: mixed levels (a county emergency bureau)', () => {
  const plan = parsePlan(fixture('county-emergency-mixed-levels.txt'));

  it('reads a 主要目标是： clause, 1. items, a paragraph among sections and paragraph-only sections', () => {
    expect(summarize(plan)).toEqual({
      title: '某县应急管理局2024年工作要点',
      year: 2024,
      targets: ['0.1 生产安全事故起数和死亡人数实现“双下降”，较大及以上生产安全事故零发生。', '0.2 自然灾害因灾死亡人数控制在历史同期平均水平以下。'],
      sections: ['1/1.1 深化安全生产治本攻坚三年行动', '1/1.2 提升自然灾害防治能力', '2/2.1 加强应急救援队伍建设', '2/2.2 加强应急物资保障', '3/3 '],
      measures: [
        '1.1.1 压实安全生产责任',
        '1.1.2 推进重大事故隐患排查整治',
        '1.2.1 加强灾害风险监测预警',
        '1.2.2 强化防汛抗旱准备',
        '2.1.1 推进乡镇应急救援队伍规范化建设，实现乡镇（街道）全覆盖',
        '2.1.2 组织开展综合性应急救援演练，全年不少于4次',
        '2.2 加强应急物资保障',
        '3.1 深化应急管理综合行政执法改革',
        '3.2 加强基层应急管理能力建设',
      ],
    });
    const m = measuresByCode(plan);
    expect(m.get('1.1.1')).toMatchObject({ leadText: '综合协调股', coText: '执法大队', quantities: [{ value: 2, unit: '轮次', text: '安全生产巡查' }] });
    expect(m.get('1.1.2')).toMatchObject({ subItems: ['聚焦危险化学品、非煤矿山、工贸等重点行业领域，开展隐患排查', '建立重大事故隐患清单，实行闭环管理', '年内完成企业安全生产标准化建设20家'], quantities: [{ value: 20, unit: '家', text: '企业安全生产标准化建设' }] });
    expect(m.get('1.2.1')).toMatchObject({ leadText: '防灾减灾股', coText: '县气象局、县水利局' });
    expect(plan.warnings?.map((w) => [w.code, w.at])).toEqual([
      ['level_guessed', '2.2'],
      ['level_guessed', '3'],
    ]);
  });
});

describe('layout: a province web page with 1. items under chapters', () => {
  it('reads past the breadcrumbs, source line and share footer', () => {
    expect(summarize(parsePlan(fixture('province-transport-web-page.txt')))).toEqual({
      title: '某省交通运输厅2025年工作要点',
      year: 2025,
      targets: [],
      sections: ['1/1 ', '2/2 ', '3/3 '],
      measures: [
        '1.1 高质量推进高速公路建设',
        '1.2 加快干线航道建设',
        '1.3 推进国省干线公路提质改造，完成普通国省道改造500公里',
        '2.1 深化“四好农村路”建设',
        '2.2 优化城乡客运服务，建制村通客车率保持100%',
        '3.1 开展道路运输安全专项整治，“两客一危”重点营运车辆动态监控上线率达到99%',
        '3.2 加强水上交通安全监管',
      ],
    });
  });
});

describe('layout: a street office notice of 重点工作任务 without chapters', () => {
  const plan = parsePlan(fixture('street-office-task-notice.txt'));

  it('takes the name from the headline; （一） with 一是 are sections, the others one measure each', () => {
    expect(summarize(plan)).toEqual({
      title: '某街道办事处2024年重点工作任务',
      year: 2024,
      targets: [],
      sections: ['0/1 党建引领基层治理', '0/2 民生保障', '0/3 平安建设', '0/4 城市管理'],
      measures: [
        '1.1 深化“红色物业”建设，实现物业服务企业党组织覆盖率达到80%',
        '1.2 开展“双报到”活动，组织在职党员到社区报到服务不少于2次',
        '2.1 新增城镇就业岗位500个',
        '2.2 完成老旧小区改造5个',
        '2.3 建设社区嵌入式养老服务中心1处',
        '3 平安建设',
        '4 城市管理',
      ],
    });
  });

  it('gives a lead written after the last 一是 item to every item of the paragraph', () => {
    const m = measuresByCode(plan);
    expect([m.get('1.1')!.leadText, m.get('1.2')!.leadText]).toEqual(['党建工作办公室', '党建工作办公室']);
    expect(m.get('3')).toMatchObject({ leadText: '平安建设办公室', body: '开展矛盾纠纷排查化解，确保矛盾纠纷化解率达到98%以上。' });
    expect(m.get('1.1')!.quantities).toEqual([{ value: 80, unit: '%', text: '物业服务企业党组织覆盖率' }]);
  });
});
