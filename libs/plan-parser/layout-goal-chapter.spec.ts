// Layout: chapter headings that contain 目标 but hold work items, next to a real target chapter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';
import { summarize } from './fixtures/summary';

const TEXT = readFileSync(path.join(__dirname, 'fixtures/city-goal-chapter-holds-work.txt'), 'utf8');

describe('layout: 目标 in a chapter heading that holds work', () => {
  const plan = parsePlan(TEXT);

  it('reads 一、工作目标 as targets and the other 目标 chapters as work', () => {
    expect(summarize(plan)).toEqual({
      title: '某市生态环境局2024年工作要点',
      year: 2024,
      targets: [
        '1.1 全市细颗粒物（PM2.5）年均浓度控制在30微克/立方米以内，空气质量优良天数比例达到85%。',
        '1.2 国控地表水考核断面水质优良比例达到80%以上。',
        '1.3 受污染耕地安全利用率保持在93%以上。',
      ],
      sections: ['2/2.1 打好蓝天保卫战', '2/2.2 打好碧水保卫战', '3/3 ', '4/4 '],
      measures: [
        '2.1.1 开展挥发性有机物综合治理',
        '2.1.2 推进柴油货车污染治理',
        '2.2.1 推进入河排污口排查整治',
        '3.1 加强生态环境监测能力建设',
        '3.2 严格生态环境执法',
        '4.1 深化生态文明体制改革',
        '4.2 加强生态保护修复',
      ],
    });
    expect(plan.chapters.map((c) => c.title)).toEqual(['锚定目标任务，深入打好污染防治攻坚战', '围绕年度目标，强化支撑保障', '目标任务']);
  });

  it('keeps the quantities of the targets, concentrations included', () => {
    expect(plan.targets[0].quantities).toEqual([
      { value: 30, unit: '微克/立方米', text: '全市细颗粒物（PM2.5）年均浓度' },
      { value: 85, unit: '%', text: '空气质量优良天数比例' },
    ]);
  });
});
