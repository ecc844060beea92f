// PDF with a text layer → lines, through pdf.js (pdfjs-dist): text items are put back into lines
// by their position, wrapped lines into paragraphs, and running headers, footers and page numbers
// are dropped. A PDF without any text (a scan) is refused with a plain message.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PlanReadError } from './errors';
import { isNumbered } from './lines';
import type { PlanDocument } from './types';

interface TextLine {
  page: number;
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** One text item as the worker sends it: [str, transform, width, height]. */
type RawItem = [string, number[], number, number];

type WorkerAnswer = { ok: true; pages: RawItem[][] } | { ok: false; name: string; message: string };

/** Fewer characters of body text than this on an average page: a scan, not a text PDF. */
const MIN_CHARACTERS_PER_PAGE = 10;

/** The most time one PDF may take (a 50 MB file of a thousand pages reads in far less). */
const PDF_READ_TIMEOUT_MS = 120_000;

// pdf.js ships as ES modules only, which a CommonJS process (and Jest's module system) cannot
// require. It runs in a worker thread that imports it natively — which also keeps a large PDF's
// parsing off the API's event loop. The worker sends back the text items of every page.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(workerData.moduleUrl);
  const task = pdfjs.getDocument({
    data: workerData.bytes,
    cMapUrl: workerData.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: workerData.standardFontDataUrl,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const pages = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.filter((item) => typeof item.str === 'string').map((item) => [item.str, item.transform, item.width, item.height]));
      page.cleanup();
    }
    parentPort.postMessage({ ok: true, pages });
  } catch (error) {
    parentPort.postMessage({ ok: false, name: String((error && error.name) || 'Error'), message: String((error && error.message) || error) });
  } finally {
    await task.destroy();
  }
})().catch((error) => parentPort.postMessage({ ok: false, name: 'LoadError', message: String((error && error.message) || error) }));
`;

function pdfTextItems(bytes: Uint8Array): Promise<RawItem[][]> {
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      bytes: new Uint8Array(bytes),
      moduleUrl: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.mjs')).href,
      cMapUrl: `${path.join(root, 'cmaps')}${path.sep}`,
      standardFontDataUrl: `${path.join(root, 'standard_fonts')}${path.sep}`,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  return new Promise<RawItem[][]>((resolve, reject) => {
    timer = setTimeout(() => reject(new PlanReadError('damaged', 'timed out')), PDF_READ_TIMEOUT_MS);
    worker.once('message', (answer: WorkerAnswer) => {
      if (answer.ok) resolve(answer.pages);
      else if (answer.name === 'PasswordException') reject(new PlanReadError('encrypted', answer.message));
      else if (answer.name === 'LoadError') reject(new Error(`pdf.js could not be loaded: ${answer.message}`));
      else reject(new PlanReadError('damaged', `${answer.name}: ${answer.message}`));
    });
    worker.once('error', (error) => reject(new PlanReadError('damaged', error.message)));
    worker.once('exit', (code) => reject(new PlanReadError('damaged', `pdf worker exited with ${code}`)));
  }).finally(() => {
    clearTimeout(timer);
    void worker.terminate();
  });
}

export async function readPdf(bytes: Uint8Array): Promise<PlanDocument> {
  const pages = (await pdfTextItems(bytes)).map((items, i) => pageLines(i + 1, items));
  const body = dropPageFurniture(pages);
  // A scan has no text, or only what was stamped on it afterwards (page numbers, a header).
  const characters = body.reduce((n, line) => n + line.text.replace(/\s/g, '').length, 0);
  if (characters < MIN_CHARACTERS_PER_PAGE * Math.max(1, pages.length)) throw new PlanReadError('no_text_layer', `${characters} characters on ${pages.length} pages`);
  return { format: 'pdf', text: paragraphs(body).join('\n'), taskRows: [] };
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** Text items of one page → lines, top to bottom (PDF y grows upwards), left to right. */
function pageLines(page: number, raw: readonly RawItem[]): TextLine[] {
  const items: Item[] = [];
  for (const [str, transform, width, height] of raw) {
    if (str.trim() === '' || transform.length < 6) continue;
    const [a, b, c, d, e, f] = transform;
    const size = Math.max(Math.hypot(c, d), Math.hypot(a, b), height, 1);
    items.push({ str, x: e, y: f, width, size });
  }
  items.sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Item[][] = [];
  for (const item of items) {
    const line = lines.find((l) => Math.abs(l[0].y - item.y) <= Math.min(l[0].size, item.size) * 0.45);
    if (line) line.push(item);
    else lines.push([item]);
  }
  return lines
    .map((line) => {
      line.sort((p, q) => p.x - q.x);
      let text = '';
      let end = -Infinity;
      for (const item of line) {
        // A visible gap between two items is a space (between Latin words; the parser ignores spaces in Chinese).
        if (text && item.x - end > item.size * 0.25 && !/\s$/.test(text)) text += ' ';
        text += item.str;
        end = Math.max(end, item.x + item.width);
      }
      const size = Math.max(...line.map((i) => i.size));
      return { page, text: text.replace(/\s+/g, ' ').trim(), x0: line[0].x, x1: end, y: line[0].y, size };
    })
    .sort((p, q) => q.y - p.y);
}

const PAGE_NUMBER = [/^[-—–－_~·•\s]*\d{1,4}[-—–－_~·•\s]*$/, /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/, /^\d{1,4}\s*\/\s*\d{1,4}$/, /^(?:page|p\.)\s*\d+(?:\s*of\s*\d+)?$/i];
const EDGE_LINES = 2;
/** Running headers repeat the same text at the same height (a title below them is not one). */
const furnitureKey = (line: TextLine) => `${line.text.replace(/\s+/g, '').replace(/\d+/g, '#')}@${Math.round(line.y / 12)}`;

/**
 * Page numbers at the top or bottom of a page, and lines repeated at the top or bottom of at least
 * half of the pages (running headers: the plan's name, 「XX局文件」).
 */
function dropPageFurniture(pages: TextLine[][]): TextLine[] {
  const edges = (lines: TextLine[]) => [...lines.slice(0, EDGE_LINES), ...lines.slice(Math.max(EDGE_LINES, lines.length - EDGE_LINES))];
  const repeats = new Map<string, number>();
  for (const lines of pages) for (const key of new Set(edges(lines).map(furnitureKey))) repeats.set(key, (repeats.get(key) ?? 0) + 1);
  const running = (line: TextLine) => pages.length >= 3 && (repeats.get(furnitureKey(line)) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.flatMap((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter((line) => !(edge.has(line) && (PAGE_NUMBER.some((p) => p.test(line.text)) || running(line))));
  });
}

const ENDS_SENTENCE = /[。；;：:！!？?]$/;
const ASCII_END = /[A-Za-z0-9]$/;
const ASCII_START = /^[A-Za-z0-9]/;

/**
 * A line at the left margin continues the one before when that one ran to the right margin (and
 * this one is not a numbered item after a finished sentence), or when a Latin word that did not
 * fit was carried over (`…企业` / `VOCs治理项目。`).
 */
function continuesLine(previous: TextLine, line: TextLine, right: number): boolean {
  if (previous.x1 >= right - previous.size * 1.5) return !(isNumbered(line.text) && ENDS_SENTENCE.test(previous.text));
  return ASCII_START.test(line.text) && !isNumbered(line.text) && !ENDS_SENTENCE.test(previous.text);
}

/**
 * Hard-wrapped lines back into paragraphs: a line continues the one before when that one ran to
 * the right margin and this one starts at the left margin (a paragraph's first line is indented,
 * headings are indented or centred).
 */
function paragraphs(lines: TextLine[]): string[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const out: string[] = [];
  let previous: TextLine | undefined;
  for (const line of lines) {
    const continues = previous !== undefined && line.x0 <= left + line.size * 0.5 && continuesLine(previous, line, right);
    if (continues) {
      const last = out[out.length - 1];
      out[out.length - 1] = last + (ASCII_END.test(last) && ASCII_START.test(line.text) ? ' ' : '') + line.text;
    } else {
      out.push(line.text);
    }
    previous = line;
  }
  return out;
}
