// Which compressed form of a static file a browser accepts (Accept-Encoding), pure and tested on its own.

export type AssetEncoding = 'br' | 'gzip';

/**
 * The best encoding the header allows: brotli before gzip (smaller for the same bytes), `q=0`
 * refuses one, `*` stands for any not named; no header or neither accepted → undefined (identity).
 */
export function chooseEncoding(header: string | undefined): AssetEncoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const value = weight ? Number(weight[1]) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weightOf = (name: AssetEncoding) => q.get(name) ?? (name === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br <= 0 && gzip <= 0) return undefined;
  return br >= gzip ? 'br' : 'gzip';
}
