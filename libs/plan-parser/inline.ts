// Items written inside one paragraph: 一是……二是……三是……, （1）……（2）……, ①……②…… . Found only as
// a run that starts at one and counts up, each marker at the start of a clause, so 统一是 or a
// stray (2) in prose is never an item.

export interface InlineItems {
  /** The text before the first marker (a heading or lead-in), trimmed of its final punctuation. */
  lead: string;
  items: string[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CLAUSE_START = /^$|[。；;，,：:！？\s）)]$/;

/** The items of the first run found (一是 first, then （1）, then ①), or undefined for fewer than 2. */
export function inlineItems(text: string): InlineItems | undefined {
  return (
    run(text, (n) => [`${NUMERALS[n - 1]}是`]) ??
    run(text, (n) => [`（${n}）`, `(${n})`, `（${n})`, `(${n}）`]) ??
    run(text, (n) => [String.fromCharCode(0x245f + n)])
  );
}

function run(text: string, markers: (n: number) => string[]): InlineItems | undefined {
  const starts: Array<{ at: number; length: number }> = [];
  let from = 0;
  for (let n = 1; n <= 10; n++) {
    const found = findMarker(text, markers(n), from, starts.length === 0);
    if (!found) break;
    starts.push(found);
    from = found.at + found.length;
  }
  if (starts.length < 2) return undefined;
  const items = starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : text.length;
    return trimItem(text.slice(start.at + start.length, end));
  });
  return { lead: trimItem(text.slice(0, starts[0].at)), items };
}

function findMarker(text: string, candidates: string[], from: number, first: boolean): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  for (const marker of candidates) {
    let at = text.indexOf(marker, from);
    while (at !== -1 && !CLAUSE_START.test(text.slice(Math.max(0, at - 1), at))) at = text.indexOf(marker, at + 1);
    if (at !== -1 && (!best || at < best.at)) best = { at, length: marker.length };
  }
  // The first marker may open the text; later ones follow the end of the previous item.
  if (best && first && best.at > 0 && !CLAUSE_START.test(text[best.at - 1])) return undefined;
  return best;
}

function trimItem(text: string): string {
  return text.replace(/^[\s，,：:；;。]+/, '').replace(/[\s，,；;：:、。]+$/, '').trim();
}
