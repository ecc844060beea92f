// A real PDF reader for tests: pdf.js (pdfjs-dist) in a child Node process (its ESM build does not
// load inside Jest's module system). Gives each page's size (points) and text, items joined in
// reading order — page numbers, headers and watermarks included, unlike the plan reader.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PdfPage {
  width: number;
  height: number;
  text: string;
}

const SCRIPT = `
const [moduleUrl] = process.argv.slice(1);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { getDocument } = await import(moduleUrl);
const task = getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, isEvalSupported: false });
const pdf = await task.promise;
const pages = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const page = await pdf.getPage(i);
  const [x0, y0, x1, y1] = page.view;
  const content = await page.getTextContent();
  const items = content.items.filter((it) => 'str' in it && it.str.trim() !== '')
    .map((it) => ({ s: it.str, x: it.transform[4], y: it.transform[5] }))
    .sort((p, q) => q.y - p.y || p.x - q.x);
  pages.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0), text: items.map((it) => it.s).join('') });
}
process.stdout.write(JSON.stringify(pages));
await task.destroy();
`;

export function pdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const moduleUrl = pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.mjs')).href;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', SCRIPT, moduleUrl], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as PdfPage[]);
    });
    child.stdin?.end(Buffer.from(bytes));
  });
}
