// Layout: the whole body on one line, items separated by spaces (text copied from a web page).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { asOneLine } from './fixtures/render';
import { measuresByCode, summarize } from './fixtures/summary';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const SEED = readFileSync(path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt'), 'utf8');

describe('layout: a body on one line (web copy)', () => {
  const plan = parsePlan(fixture('city-transport-web-one-line.txt'));

  it('splits the line at its items and drops the page chrome around it', () => {
    expect(summarize(plan)).toEqual({
      title: '某市交通运输局2024年工作要点',
      year: 2024,
      targets: [],
      sections: ['1/1.1 推进重大项目建设', '1/1.2 完善综合交通枢纽', '2/2.1 优化城市公共交通', '2/2.2 发展现代物流', '3/3.1 深化安全生产专项整治'],
      measures: [
        '1.1.1 加快地铁6号线二期工程建设，年内完成投资80亿元',
        '1.1.2 开工建设城市快速路3条，建成通车高速公路2条',
        '1.2.1 推进高铁站综合交通枢纽建设，实现公交、出租、网约车无缝衔接',
        '2.1.1 新开、优化公交线路30条，新增新能源公交车200辆',
        '2.1.2 推进定制公交发展，全年开通定制公交线路10条',
        '2.2.1 推进多式联运示范工程建设',
        '3.1.1 开展“两客一危”车辆动态监控专项检查，监控覆盖率保持100%',
        '3.1.2 加强桥梁隧道安全隐患排查，完成危桥改造12座',
      ],
    });
    expect(measuresByCode(plan).get('1.1.1')).toMatchObject({ leadText: '建设管理处', coText: '计划统计处' });
    expect(plan.chapters.map((c) => c.title)).toEqual(['加快构建现代综合交通运输体系', '提升运输服务品质', '强化行业安全与治理']);
  });

  it.each([
    ['the 2022 seed', SEED],
    ['the township plan', fixture('township-yishi-items.txt')],
    ['the district health plan', fixture('district-health-items-under-chapters.txt')],
    ['the four-level market plan', fixture('city-market-four-levels.txt')],
  ])('%s on one line parses as the original', (_, text) => {
    expect(parsePlan(asOneLine(text))).toEqual(parsePlan(text));
    expect(parsePlan(asOneLine(text, '\u3000\u3000'))).toEqual(parsePlan(text));
  });
});
