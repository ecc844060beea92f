// Saved web pages → the article's lines. Page chrome is removed by element (scripts, styles,
// navigation, site header and footer, side bars, share and print bars) before the text is taken;
// what chrome is left inside the article (发布时间, 来源, 上一篇) the parser's own chrome rules skip.
import { parse, type HTMLElement } from 'node-html-parser';

const CHROME_TAGS = 'script,style,noscript,template,svg,iframe,object,nav,aside,form,button,select,textarea,input,map';
// Class or id words of page furniture on government sites (导航, 面包屑, 分享, 相关链接, 版权).
const CHROME_NAME = /(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|footer|foot|sidebar|side|share|bdshare|copyright|related|relate|friendlink|links?|toolbar|topbar|top-bar|banner|search|print|goTop|backtop|qrcode|ewm)(?:$|[-_\s\d])/i;

/** The text of the page's article, one block element per line. */
export function htmlText(html: string): string {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  // The page title names the document (「…2023年工作要点_政务公开_某区人民政府」): its first part
  // goes first, for pages whose body repeats no title (one in the body, later, is preferred).
  const pageTitle = (root.querySelector('title')?.text ?? '').split(/[_|｜]|\s[-－—]\s/)[0].trim();
  for (const element of root.querySelectorAll(CHROME_TAGS)) element.remove();
  for (const element of root.querySelectorAll('*')) {
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (CHROME_NAME.test(names) && !containsArticle(element)) element.remove();
  }
  // A page's own <header>/<footer> is chrome; an article's header holds its title.
  for (const element of root.querySelectorAll('header,footer')) if (!element.closest('article') && !containsArticle(element)) element.remove();
  const article = largest(root.querySelectorAll('article')) ?? largest(root.querySelectorAll('main,[role=main]')) ?? root.querySelector('body') ?? root;
  const title = article === root || article.tagName === 'BODY' ? [] : pageTitleOutside(root, article);
  return [...(/(?:19|20)\d{2}/.test(pageTitle) ? [pageTitle] : []), ...title, ...article.structuredText.split('\n')].map((line) => line.trim()).filter(Boolean).join('\n');
}

function containsArticle(element: HTMLElement): boolean {
  return element.querySelector('article,main,h1') !== null;
}

function largest(elements: HTMLElement[]): HTMLElement | undefined {
  return elements.reduce<HTMLElement | undefined>((best, e) => (!best || e.text.length > best.text.length ? e : best), undefined);
}

/** A page whose <h1> sits above its <article>: the h1 is the title the parser needs. */
function pageTitleOutside(root: HTMLElement, article: HTMLElement): string[] {
  const h1 = root.querySelector('h1');
  if (!h1 || article.querySelector('h1')) return [];
  return [h1.text.replace(/\s+/g, ' ').trim()];
}

/** The charset a page declares in its first bytes (`<meta charset="gb2312">`), lower-cased. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}
