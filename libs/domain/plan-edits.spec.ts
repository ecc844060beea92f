import { demoteToSubItem, nextFreeCode, promoteSubItems, promoteToSection, splitMeasure, type EditableMeasure, type EditableOutline } from './plan-edits';

const outline = (): EditableOutline => ({
  chapters: [
    {
      code: '1',
      title: '深入打好污染防治攻坚战',
      sections: [
        {
          code: '1.1',
          title: '打好蓝天保卫战',
          measures: [
            { code: '1.1.1', title: '开展VOCs治理', body: '完成30个项目。', subItems: ['完成石化企业排查。', '推进涂装行业整治；年底前完成验收。'] },
            { code: '1.1.2', title: '强化移动源管控', body: '淘汰国三柴油车。开展港区非道路机械检查。' },
            { code: '1.1.3', title: '加强监测', body: '' },
          ],
        },
      ],
    },
  ],
});
const make = (m: EditableMeasure) => m;
const codes = (o: EditableOutline) => o.chapters.flatMap((c) => c.sections.map((s) => [s.code, s.measures.map((m) => m.code)]));

describe('plan edits before import', () => {
  it('takes the next free number where a new item lands', () => {
    expect(nextFreeCode('1.1', ['1.1.1', '1.1.3', '1.1.2.1', '1.2'])).toBe('1.1.4');
    expect(nextFreeCode('2', [])).toBe('2.1');
  });

  it('demotes a measure to a checklist item of the one before it, never the first', () => {
    const o = outline();
    expect(demoteToSubItem(o, '1.1.1')).toBe(false);
    expect(demoteToSubItem(o, '1.1.2')).toBe(true);
    expect(codes(o)).toEqual([['1.1', ['1.1.1', '1.1.3']]]);
    expect(o.chapters[0].sections[0].measures[0].subItems).toEqual(['完成石化企业排查。', '推进涂装行业整治；年底前完成验收。', '强化移动源管控。淘汰国三柴油车。开展港区非道路机械检查。']);
  });

  it('promotes one sub-item, or splits them all, into measures right after it', () => {
    const o = outline();
    expect(promoteSubItems(o, '1.1.1', make, 1)).toEqual(['1.1.4']);
    const section = o.chapters[0].sections[0];
    expect(section.measures.map((m) => [m.code, m.title, m.body])).toEqual([
      ['1.1.1', '开展VOCs治理', '完成30个项目。'],
      ['1.1.4', '推进涂装行业整治', '年底前完成验收。'],
      ['1.1.2', '强化移动源管控', '淘汰国三柴油车。开展港区非道路机械检查。'],
      ['1.1.3', '加强监测', ''],
    ]);
    expect(section.measures[0].subItems).toEqual(['完成石化企业排查。']);
    expect(splitMeasure(o, '1.1.1', make)).toBe('1.1.5');
    expect(section.measures[0].subItems).toBeUndefined();
  });

  it('splits a measure without sub-items at its body’s first sentence', () => {
    const o = outline();
    expect(splitMeasure(o, '1.1.2', make)).toBe('1.1.4');
    const section = o.chapters[0].sections[0];
    expect(section.measures.find((m) => m.code === '1.1.2')?.body).toBe('淘汰国三柴油车。');
    expect(section.measures.find((m) => m.code === '1.1.4')).toMatchObject({ title: '开展港区非道路机械检查', body: '' });
    expect(splitMeasure(o, '1.1.3', make)).toBeUndefined();
  });

  it('promotes a measure to a section heading of its chapter, taking the measures after it along', () => {
    const o = outline();
    expect(promoteToSection(o, '1.1.1')).toBeUndefined();
    expect(promoteToSection(o, '1.1.2')).toBeUndefined(); // it has text of its own
    o.chapters[0].sections[0].measures[1].body = '';
    expect(promoteToSection(o, '1.1.2')).toBe('1.2');
    expect(codes(o)).toEqual([
      ['1.1', ['1.1.1']],
      ['1.2', ['1.2.1']],
    ]);
    expect(o.chapters[0].sections[1]).toMatchObject({ title: '强化移动源管控', measures: [{ title: '加强监测' }] });
  });
});
