// What the parser asks a person to check before importing (the preview shows these).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from './index';

const SEED = readFileSync(path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt'), 'utf8');

describe('plan warnings', () => {
  it('has none for a plan laid out in full, so its JSON is unchanged', () => {
    expect(parsePlan(SEED)).not.toHaveProperty('warnings');
  });

  it('says where a level was guessed and where a numbering skips', () => {
    const plan = parsePlan(
      ['某局2024年工作要点', '一、重点工作', '1.做甲。', '2.做乙。', '4.做丁。', '二、保障措施', '（一）加强领导。', '（三）强化督查。', '三、其他', '（一）基础工作。一是健全制度；二是加强培训。', '（二）作风建设', '1.转变作风。'].join('\n'),
    );
    expect(plan.warnings).toEqual([
      { code: 'number_skipped', at: '1.4', message: '1 下编号从 2 跳到 4' },
      { code: 'level_guessed', at: '1', message: '“重点工作”（1）下没有（一）层级，其下事项编为 1.1 等' },
      { code: 'number_skipped', at: '2.3', message: '2 下编号从 1 跳到 3' },
      { code: 'level_guessed', at: '2', message: '“保障措施”（2）的（一）（二）……段落下没有编号事项，各段作为一项措施' },
      { code: 'level_guessed', at: '3.1', message: '“基础工作”（3.1）中的“一是……二是……”作为 2 项措施' },
    ]);
  });

  it('flags a measure without text', () => {
    expect(parsePlan('某局2024年工作要点\n一、重点工作\n（一）甲\n1.\n2.做乙。\n').warnings).toEqual([{ code: 'untitled_measure', at: '1.1.1', message: '措施 1.1.1 没有文字' }]);
  });
});

describe('a paragraph among sections that hold items', () => {
  it('is one measure coded as the paragraph, in a section of its own', () => {
    const plan = parsePlan('某局2024年工作要点\n一、重点工作\n（一）加强领导。一是健全机制；二是压实责任。\n（二）强化宣传。开展主题宣传活动3次。\n');
    expect(plan.chapters[0].sections).toEqual([
      {
        code: '1.1',
        title: '加强领导',
        measures: [
          { code: '1.1.1', title: '健全机制', body: '', quantities: [] },
          { code: '1.1.2', title: '压实责任', body: '', quantities: [] },
        ],
      },
      { code: '1.2', title: '强化宣传', measures: [{ code: '1.2', title: '强化宣传', body: '开展主题宣传活动3次。', quantities: [{ value: 3, unit: '次', text: '主题宣传活动' }] }] },
    ]);
  });
});
