// Web-page chrome around a published plan. Header-like lines (publication date, font size,
// print buttons) can turn up anywhere and are skipped; footer lines (related links, share,
// previous/next, copyright) mark the end of the document, because whatever follows them — link
// titles, site names — is arbitrary text that must not be glued onto the last measure.
// Both are only consulted for lines that are not headings, so a measure that mentions
// 发布时间 is never dropped.

const HEADER_CHROME: readonly RegExp[] = [
  /发布(?:日期|时间)\s*[:：]/,
  /(?:信息)?来源\s*[:：]/,
  /(?:浏览|阅读|访问|点击)(?:次数|量|数)?\s*[:：]/,
  /^字[体号](?:大小)?\s*[:：]/,
  /^【?字[体号]\s*[:：]?\s*[大中小]/,
  /^(?:【[^】]*】\s*)+$/, // 【打印本页】【关闭窗口】, 【大】【中】【小】
  /^(?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏本页)(?:\s+\S{0,6})*$/,
  /^(?:首页|当前位置|您当前的位置|您的位置)\s*[:：>＞»]/,
  /\s[>＞»]\s/, // breadcrumbs: 首页 > 政务公开 > 规划计划
];

const FOOTER_START: readonly RegExp[] = [
  /^(?:相关(?:链接|文章|阅读|新闻|信息|文件|稿件|附件)|延伸阅读|推荐阅读)/,
  /^(?:上一篇|下一篇|上一条|下一条)/,
  /^(?:扫一扫|分享到|打印本页|关闭窗口)/,
  /^(?:【打印本页】|【关闭窗口】|【打印】|【关闭】)/,
  /^(?:版权所有|主办单位|承办单位|网站标识码|Copyright|©)/i,
  /ICP备|公网安备/,
];

/** Page furniture that carries no plan content: skip the line. */
export function isHeaderChrome(line: string): boolean {
  return line.length <= 80 && HEADER_CHROME.some((pattern) => pattern.test(line));
}

/** First line of the page footer: the document body has ended. */
export function isFooterStart(line: string): boolean {
  return line.length <= 80 && FOOTER_START.some((pattern) => pattern.test(line));
}
