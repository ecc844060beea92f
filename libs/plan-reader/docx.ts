// .docx → lines, through mammoth's document model (paragraphs with their list numbering, tables
// with merged cells). The HTML mammoth would write is not needed: the model is taken from its
// transformDocument hook and an empty document is handed back for conversion.
import mammoth from 'mammoth';
import { WordNumbering } from './docx-numbering';
import { PlanReadError } from './errors';
import { isChapterHeading, isNumbered, yearNamed } from './lines';
import { chineseNumeral, taskRowLines, taskRowsOfGrid, type Grid } from './table';
import type { PlanDocument, TaskRow } from './types';

interface DocxElement {
  type: string;
  children?: DocxElement[];
  value?: string;
  numbering?: { level: string | number; isOrdered: boolean } | null;
  colSpan?: number;
  rowSpan?: number;
}

export async function readDocx(bytes: Uint8Array): Promise<PlanDocument> {
  let body: DocxElement[] = [];
  let wordNumbering: WordNumbering | undefined;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await mammoth.convertToHtml(
      { buffer },
      {
        // Images are not read at all (a real plan may carry many megabytes of them).
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        transformDocument: (document: DocxElement) => {
          body = document.children ?? [];
          return { ...document, children: [] };
        },
      },
    );
    wordNumbering = await WordNumbering.read(bytes);
  } catch (error) {
    throw new PlanReadError('damaged', error instanceof Error ? error.message : String(error));
  }
  return docxLines(body, wordNumbering);
}

/**
 * Numbering by list level alone, for a numbered paragraph whose list format cannot be found in
 * the package (numbering given by a paragraph style, say).
 */
class ListNumbering {
  private counters: number[] = [];

  /**
   * The label of the next item at `level`, written the way 党政机关公文 number their levels
   * (一、 （一） 1. （1）): mammoth gives each numbered paragraph its level, not the level's format.
   */
  next(level: number): string {
    this.counters = this.counters.slice(0, level + 1);
    while (this.counters.length <= level) this.counters.push(0);
    const n = ++this.counters[level];
    switch (level) {
      case 0:
        return `${chineseNumeral(n)}、`;
      case 1:
        return `（${chineseNumeral(n)}）`;
      case 2:
        return `${n}.`;
      default:
        return `（${n}）`;
    }
  }
}

function docxLines(body: DocxElement[], wordNumbering: WordNumbering | undefined): PlanDocument {
  const lines: string[] = [];
  const taskRows: TaskRow[] = [];
  const numbering = new ListNumbering();
  let planYear: number | undefined;
  let chapters = 0;
  let underChapter = false;

  for (const element of body) {
    if (element.type === 'paragraph') {
      for (const [i, text] of paragraphLines(element).entries()) {
        const label = i === 0 && element.numbering?.isOrdered ? (wordNumbering?.labelFor(textOf(element)) ?? numbering.next(Number(element.numbering.level) || 0)) : '';
        const labelled = label && !isNumbered(text) ? `${label}${text}` : text;
        planYear ??= yearNamed(labelled);
        if (isChapterHeading(labelled)) {
          chapters++;
          underChapter = true;
        }
        lines.push(labelled);
      }
    } else if (element.type === 'table') {
      const grid = tableGrid(element);
      const rows = taskRowsOfGrid(grid, planYear);
      if (rows && rows.length > 0) {
        taskRows.push(...rows);
        const rendered = taskRowLines(rows, { underChapter, startChapter: chapters + 1 });
        if (!underChapter) chapters += new Set(rows.map((r) => r.task)).size;
        lines.push(...rendered);
      } else {
        // Any other table (a layout table, a signature block): its cells in reading order.
        for (const row of grid) for (const cell of new Set(row)) if (cell) lines.push(...cell.split('\n'));
      }
    }
  }
  return { format: 'docx', text: lines.join('\n'), taskRows };
}

/** A paragraph's text; a manual line break (Shift+Enter) starts a new line. */
function paragraphLines(paragraph: DocxElement): string[] {
  return textOf(paragraph)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function textOf(element: DocxElement): string {
  switch (element.type) {
    case 'text':
      return element.value ?? '';
    case 'tab':
      return ' ';
    case 'break':
      return '\n';
    case 'paragraph':
      return (element.children ?? []).map(textOf).join('') + '\n';
    case 'note':
    case 'comment':
    case 'image':
      return '';
    default:
      return (element.children ?? []).map(textOf).join('');
  }
}

/** The table as a grid: a merged cell's text fills every position it covers. */
function tableGrid(table: DocxElement): Grid {
  const grid: Grid = [];
  const rows = (table.children ?? []).filter((row) => row.type === 'tableRow');
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of (row.children ?? []).filter((e) => e.type === 'tableCell')) {
      while (grid[r][c] !== undefined) c++;
      const text = textOf(cell).trim();
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) grid[r + dr][c + dc] = text;
      }
      c += cell.colSpan ?? 1;
    }
  });
  return grid.map((row) => Array.from(row, (cell) => cell ?? ''));
}
