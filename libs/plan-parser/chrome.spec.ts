import { isFooterStart, isHeaderChrome } from './chrome';

describe('page chrome', () => {
  it.each(['青岛政务网 发布日期 : 2022-02-25', '字体大小: 打印', '【字体：大 中 小】【打印】', '【大】【中】【小】', '发布时间：2025-01-20　来源：市水务局', '首页 > 政务公开 > 规划计划', '浏览次数：1024'])(
    'header chrome: %s',
    (line) => expect(isHeaderChrome(line)).toBe(true),
  );

  it.each(['扫一扫在手机打开当前页', '【打印本页】【关闭窗口】', '相关链接', '相关链接：', '上一篇：某某', '版权所有：青岛市人民政府办公厅', '鲁ICP备05000000号'])(
    'footer start: %s',
    (line) => expect(isFooterStart(line)).toBe(true),
  );

  it.each(['重点加强工业源排放深度治理。', '关闭一批落后产能企业。', '开展打印机耗材回收。', '依法公开发布时间表和路线图。'])('plan text: %s', (line) => {
    expect(isHeaderChrome(line)).toBe(false);
    expect(isFooterStart(line)).toBe(false);
  });
});
