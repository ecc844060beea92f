import {
  addChapter,
  addMeasure,
  addSection,
  canSplit,
  demoteChapter,
  demoteSection,
  demoteToSubItem,
  mergeIntoPrevious,
  nextFreeCode,
  nextMeasureCode,
  outlineDiff,
  promoteSectionToChapter,
  promoteSubItems,
  promoteToSection,
  removeEmpty,
  removeMeasure,
  splitMeasure,
  type EditableMeasure,
  type EditableOutline,
} from './plan-edits';

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

  describe('between chapter and section', () => {
    const twoLevels = (): EditableOutline => ({
      chapters: [
        {
          code: '1',
          title: '污染防治',
          sections: [
            { code: '1.1', title: '蓝天', measures: [{ code: '1.1.1', title: 'VOCs治理', body: '' }] },
            { code: '1.2', title: '碧水', measures: [{ code: '1.2.1', title: '河湖长制', body: '全面落实。' }, { code: '1.2.2', title: '黑臭水体', body: '', subItems: ['完成排查。'] }] },
            { code: '1.3', title: '净土', measures: [{ code: '1.3.1', title: '土壤详查', body: '' }] },
          ],
        },
        { code: '2', title: '生态保护', sections: [{ code: '2', title: '', measures: [{ code: '2.1', title: '自然保护地', body: '' }] }] },
      ],
    });

    it('promotes a section to a chapter after its own, taking the later sections along, its measures straight under it', () => {
      const o = twoLevels();
      expect(promoteSectionToChapter(o, '1.1')).toBeUndefined();
      expect(promoteSectionToChapter(o, '1.2')).toBe('3');
      expect(o.chapters.map((c) => [c.code, c.title])).toEqual([['1', '污染防治'], ['3', '碧水'], ['2', '生态保护']]);
      expect(codes(o)).toEqual([
        ['1.1', ['1.1.1']],
        ['3', ['3.1', '3.2']],
        ['3.1', ['3.1.1']],
        ['2', ['2.1']],
      ]);
      expect(o.chapters[1].sections[1].title).toBe('净土');
      expect(o.chapters[1].sections[0].measures[1].subItems).toEqual(['完成排查。']);
      expect(promoteSectionToChapter(o, '2')).toBeUndefined();
    });

    it('demotes a chapter to the last section of the one before, its sections becoming measures with their measures as sub-items', () => {
      const o = twoLevels();
      expect(demoteChapter(o, '1', make)).toBeUndefined();
      expect(demoteChapter(o, '2', make)).toBe('1.4');
      expect(o.chapters).toHaveLength(1);
      expect(codes(o).at(-1)).toEqual(['1.4', ['1.4.1']]);
      expect(o.chapters[0].sections.at(-1)!.title).toBe('生态保护');
      // A chapter with sections of its own: each section goes a level down into a measure.
      const p = twoLevels();
      promoteSectionToChapter(p, '1.2');
      expect(demoteChapter(p, '3', make)).toBe('1.2');
      const moved = p.chapters[0].sections.find((s) => s.code === '1.2')!;
      expect(moved.measures.map((m) => [m.code, m.title, m.subItems])).toEqual([
        ['1.2.1', '河湖长制', undefined],
        ['1.2.2', '黑臭水体', ['完成排查。']],
        ['1.2.3', '净土', ['土壤详查']],
      ]);
    });

    it('demotes a section to a measure of the section before, its measures becoming its sub-items; the first into an untitled section', () => {
      const o = twoLevels();
      expect(demoteSection(o, '1.2', make)).toBe('1.1.2');
      expect(o.chapters[0].sections[0].measures[1]).toEqual({ code: '1.1.2', title: '碧水', body: '', subItems: ['河湖长制。全面落实。', '黑臭水体', '完成排查。'] });
      expect(codes(o)[1]).toEqual(['1.3', ['1.3.1']]);
      expect(demoteSection(o, '1.1', make)).toBe('1.0.1');
      expect(codes(o)[0]).toEqual(['1.0', ['1.0.1']]);
      expect(o.chapters[0].sections[0].measures[0].subItems).toEqual(['VOCs治理', '碧水', '河湖长制。全面落实。', '黑臭水体', '完成排查。']);
      // An untitled section has no heading to demote.
      expect(demoteSection(o, '2', make)).toBeUndefined();
    });
  });

  describe('by hand', () => {
    it('builds a plan from nothing: a chapter with a section, measures numbered in order', () => {
      const o: EditableOutline = { chapters: [] };
      expect(addChapter(o)).toBe('1');
      expect(addMeasure(o, '1.1', make)).toBe('1.1.1');
      expect(addMeasure(o, '1.1', make)).toBe('1.1.2');
      expect(addSection(o, '1')).toBe('1.2');
      expect(addChapter(o)).toBe('2');
      expect(codes(o)).toEqual([['1.1', ['1.1.1', '1.1.2']], ['1.2', []], ['2.1', []]]);
      expect(addMeasure(o, '9.9', make)).toBeUndefined();
    });

    it('keeps a section\'s own numbering for a new measure, skipping codes taken elsewhere', () => {
      const o: EditableOutline = { chapters: [{ code: '2', title: '生态', sections: [{ code: '2', title: '', measures: [{ code: '2.1', title: 'a', body: '' }] }, { code: '2.2', title: '节', measures: [] }] }] };
      expect(nextMeasureCode(o, '2')).toBe('2.3');
      expect(nextMeasureCode(o, '2.2')).toBe('2.2.1');
    });

    it('merges into the previous measure, removes measures, and removes only empty sections and chapters', () => {
      const o = outline();
      expect(mergeIntoPrevious(o, '1.1.1')).toBe(false);
      expect(mergeIntoPrevious(o, '1.1.2')).toBe(true);
      expect(o.chapters[0].sections[0].measures[0].body).toBe('完成30个项目。强化移动源管控。淘汰国三柴油车。开展港区非道路机械检查。');
      expect(removeEmpty(o, '1.1')).toBe(false);
      expect(removeMeasure(o, '1.1.1')).toBe(true);
      expect(removeMeasure(o, '1.1.3')).toBe(true);
      expect(removeMeasure(o, '1.1.3')).toBe(false);
      expect(removeEmpty(o, '1.1')).toBe(true);
      expect(removeEmpty(o, '1')).toBe(true);
      expect(o.chapters).toEqual([]);
    });

    it('tells whether a measure can be split', () => {
      expect(canSplit({ code: '1', title: 't', body: '一句。' })).toBe(false);
      expect(canSplit({ code: '1', title: 't', body: '一句。两句。' })).toBe(true);
      expect(canSplit({ code: '1', title: 't', body: '', subItems: ['x'] })).toBe(true);
    });
  });

  it('diffs the outline against the stored plan as the import stores it', () => {
    const stored = [
      { code: '1.1.1', title: '开展VOCs治理', body: '完成30个项目。\n（1）完成石化企业排查。\n（2）推进涂装行业整治；年底前完成验收。' },
      { code: '1.1.2', title: '强化移动源管控', body: '旧正文' },
      { code: '1.1.9', title: '已删除', body: '' },
    ];
    const measures = outline().chapters[0].sections[0].measures;
    const diff = outlineDiff(measures, stored);
    expect(diff.added).toEqual(['1.1.3']);
    expect(diff.missing).toEqual(['1.1.9']);
    expect(diff.changed.map((c) => c.code)).toEqual(['1.1.2']);
  });
});
