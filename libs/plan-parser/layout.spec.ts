import { collapseCjkSpaces, isPageNumber, prepareLines, splitRunOnLine } from './layout';

describe('layout clean-up', () => {
  it('removes spaces a PDF puts inside Chinese text, keeping those between Latin words and breadcrumbs', () => {
    expect(collapseCjkSpaces('2024 年 全 市 完成 20 所')).toBe('2024年全市完成20所');
    expect(collapseCjkSpaces('某 市 教 育 局 2 0 2 4 年 工 作 要 点')).toBe('某市教育局2024年工作要点');
    expect(collapseCjkSpaces('执行 GB 3095 标准，PM 2.5')).toBe('执行 GB 3095标准，PM 2.5');
    expect(collapseCjkSpaces('首页 > 政务公开 > 规划计划')).toBe('首页 > 政务公开 > 规划计划');
  });

  it.each(['- 3 -', '— 12 —', '第 3 页', '第3页 共10页', '3/10', '7'])('page number: %s', (line) => expect(isPageNumber(line)).toBe(true));
  it.each(['3.加强监管', '2024年', '第3批试点', '- 3 - 加强'])('not a page number: %s', (line) => expect(isPageNumber(line)).toBe(false));

  it('splits a long line only when it holds several items', () => {
    const body = `某局2024年工作要点 一、工作 （一）甲 1.做甲${'。'.repeat(200)} 2.做乙。`;
    expect(splitRunOnLine(body)).toEqual(['某局2024年工作要点', '一、工作', '（一）甲', `1.做甲${'。'.repeat(200)}`, '2.做乙。']);
    const prose = `这是一段很长的文字 ${'内容'.repeat(120)} 1.只有一个编号`;
    expect(splitRunOnLine(prose)).toEqual([prose]);
  });

  it('drops running headers and footers next to page breaks, keeping the title line once', () => {
    const text = ['某局2024年工作要点', '一、工作', '1.做甲。', '某局内部资料', '- 1 -', '\f某局文件', '2.做乙。', '某局内部资料', '第 2 页', '\f某局文件', '某局2024年工作要点', '3.做丙。', '某局内部资料', '3'].join('\n');
    expect(prepareLines(text).lines).toEqual(['某局2024年工作要点', '一、工作', '1.做甲。', '', '', '', '2.做乙。', '', '', '', '某局2024年工作要点', '3.做丙。', '', '']);
  });

  it('keeps a line repeated in the text that is not at a page edge (a lead clause on every item)', () => {
    const text = ['某局2024年工作要点', '一、工作', '1.做甲。', '（办公室牵头）', '2.做乙。', '（办公室牵头）', '3.做丙。', '（办公室牵头）'].join('\n');
    expect(prepareLines(text).lines).toEqual(text.split('\n'));
  });
});
