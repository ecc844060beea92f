// Layout: the title is a headline with the plan's name inside (a 印发 notice, a 政策解读 page), or
// the plan is called 工作任务清单 / 重点任务 / 任务分解.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { measuresByCode, summarize } from './fixtures/summary';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('layout: headline titles and other plan names', () => {
  it('takes the name out of 关于印发《…》的通知 and reads the plan under the notice', () => {
    const plan = parsePlan(fixture('city-notice-headline.txt'));
    expect(summarize(plan)).toEqual({
      title: '某市生态环境局2023年工作要点',
      year: 2023,
      targets: [],
      sections: ['1/1.1 持续改善环境空气质量', '1/1.2 巩固提升水环境质量', '2/2.1 严格环境准入'],
      measures: ['1.1.1 实施臭氧污染防治攻坚', '1.1.2 加强扬尘污染管控', '1.2.1 推进美丽河湖建设', '2.1.1 深化环评审批制度改革'],
    });
    const m = measuresByCode(plan);
    expect(m.get('1.1.1')).toMatchObject({ leadText: '大气处', coText: '执法支队' });
    expect(m.get('1.1.2')).toEqual({ code: '1.1.2', title: '加强扬尘污染管控', body: '', quantities: [], leadText: '大气处', coText: '执法支队' });
    expect(m.get('1.2.1')).toEqual({ code: '1.2.1', title: '推进美丽河湖建设', body: '', quantities: [], leadText: '水处' });
    expect(m.get('2.1.1')).toMatchObject({ title: '深化环评审批制度改革', body: '', leadText: '环评处', coText: '法规处、各区市分局', deadlineText: '2023年12月底前' });
  });

  it('reads a 政策解读 page: the name from 《…》政策解读, its 主要目标 paragraph as targets, past the page chrome', () => {
    const plan = parsePlan(fixture('district-education-policy-reading.txt'));
    expect(summarize(plan)).toEqual({
      title: '某区教育局2024年工作要点',
      year: 2024,
      targets: ['2.1 到2024年底，全区学前教育普惠率达到90%以上。', '2.2 义务教育巩固率保持在100%。', '2.3 新增中小学学位3000个。'],
      sections: ['3/3.1 扩大优质教育资源供给', '3/3.2 全面加强教师队伍建设'],
      measures: ['3.1.1 新建改扩建中小学、幼儿园8所', '3.1.2 推进集团化办学，新组建教育集团3个', '3.2.1 实施名师培养工程，培养区级骨干教师200名'],
    });
    expect(plan.targets[2].quantities).toEqual([{ value: 3000, unit: '个', text: '中小学学位' }]);
  });

  it('reads a 重点工作任务清单 with a lead, co-departments and a deadline on each task', () => {
    const plan = parsePlan(fixture('county-transport-task-list.txt'));
    expect(summarize(plan)).toEqual({
      title: '某县交通运输局2024年重点工作任务清单',
      year: 2024,
      targets: [],
      sections: ['1/1 ', '2/2 ', '3/3 '],
      measures: [
        '1.1 加快推进国道G204改线工程建设，年内完成投资3亿元',
        '1.2 实施农村公路提档升级工程，新改建农村公路50公里',
        '1.3 完成危桥改造8座',
        '2.1 推进城乡客运一体化，实现建制村通客车率保持100%',
        '2.2 开展“司机之家”建设，新建2个',
        '3.1 开展道路运输安全生产专项整治',
      ],
    });
    const leads = [...measuresByCode(plan).values()].map((m) => [m.code, m.leadText, m.coText, m.deadlineText]);
    expect(leads).toEqual([
      ['1.1', '规划建设股', '财务股', '2024年12月底前'],
      ['1.2', '公路事业发展中心', undefined, undefined],
      ['1.3', '公路事业发展中心', '质量安全监督站', undefined],
      ['2.1', '运输管理股', undefined, undefined],
      ['2.2', '运输管理股', '执法大队', undefined],
      ['3.1', '质量安全监督站', '执法大队、运输管理股', undefined],
    ]);
  });

  it.each([
    ['某区市场监督管理局2024年优化营商环境重点任务', 2024],
    ['某市卫生健康委2025年重点工作任务分解表', 2025],
    ['某县教育局2024年工作任务清单', 2024],
  ])('accepts the plan name %s', (title, year) => {
    const plan = parsePlan(`${title}\n一、重点工作\n1.做好统计。\n`);
    expect(plan).toMatchObject({ title, year });
  });
});
