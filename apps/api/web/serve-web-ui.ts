// The web UI (apps/web, built by `npm run build:web`) at `/`: index.html at `/`, hashed bundles at
// `/assets/…`. Nothing else is touched, so every API path stays as it is; the UI routes with
// `#/…`, so no fallback page is needed. Files are looked up per request, so a build made while
// the API runs is picked up without a restart.
//
// Caching: a bundle's name carries the hash of its content, so `/assets/*` is cached for a year and
// never revalidated (`immutable`); index.html, which names the current bundles, is `no-cache`
// (revalidated every time). Compression: a text bundle is sent brotli- or gzip-encoded when the
// browser accepts it (`Vary: Accept-Encoding`), compressed once per file at the best level, off
// the event loop (zlib's thread pool), and kept in memory until the file changes; the API's own
// answers and index.html go through compressResponses (compression.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { repoRoot } from '@duban/runtime';
import { chooseEncoding, type AssetEncoding } from './encoding';

export function webDistDir(): string {
  return path.join(repoRoot(), 'apps', 'web', 'dist');
}

const ASSET_NAME = /^[A-Za-z0-9_.-]+$/;

/** Hashed bundles: cached a year, never revalidated. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html names the current bundles: always revalidated. */
export const INDEX_CACHE_CONTROL = 'no-cache';

/** Text assets worth compressing (images and fonts of the build are compressed already or tiny). */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt', '.html', '.wasm']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>督办 · 网页界面尚未构建</title></head>
<body style="font-family: sans-serif; margin: 3em; line-height: 1.6">
<h1>网页界面尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code>，然后刷新本页。（<code>npm start</code> 会自动构建。）</p>
<p>接口不受影响：例如 <a href="/health">/health</a>、<a href="/docs">/docs</a>。</p>
</body></html>`;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

interface Compressed {
  /** The file's identity when compressed: a rebuild under the same name (never with a hash) compresses again. */
  stamp: string;
  encoded: Record<AssetEncoding, Promise<Buffer | null>>;
}

/** Compressed copies of the built assets, one per file, made at most once per file version. */
export class AssetCompressor {
  private readonly cache = new Map<string, Compressed>();

  /** The file in the encoding, or null when it is not worth compressing (or compression failed). */
  async get(file: string, stat: fs.Stats, encoding: AssetEncoding): Promise<Buffer | null> {
    if (!COMPRESSIBLE.has(path.extname(file)) || stat.size < MIN_COMPRESS_BYTES) return null;
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    let entry = this.cache.get(file);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, encoded: this.compress(file, stat.size) };
      this.cache.set(file, entry);
    }
    return entry.encoded[encoding];
  }

  /** Starts compressing every asset now (at start-up), so the first visitor does not wait for it. */
  warm(dir: string): void {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return; // not built yet
    }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        const stat = fs.statSync(file);
        if (stat.isFile()) void this.get(file, stat, 'br');
      } catch {
        // removed meanwhile
      }
    }
  }

  private compress(file: string, size: number): Record<AssetEncoding, Promise<Buffer | null>> {
    const raw = fs.promises.readFile(file);
    const smaller = (made: Promise<Buffer>) =>
      made.then(
        (bytes) => (bytes.length < size ? bytes : null),
        () => null,
      );
    return {
      gzip: smaller(raw.then((bytes) => gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }))),
      br: smaller(
        raw.then((bytes) =>
          brotli(bytes, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
            },
          }),
        ),
      ),
    };
  }
}

export function serveWebUi(app: NestExpressApplication, dist = webDistDir()): void {
  const compressor = new AssetCompressor();
  compressor.warm(path.join(dist, 'assets'));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path === '/' || request.path === '/index.html') {
      const index = path.join(dist, 'index.html');
      response.setHeader('Cache-Control', INDEX_CACHE_CONTROL);
      if (fs.existsSync(index)) return response.sendFile(index, { cacheControl: false });
      return response.status(200).type('html').send(NOT_BUILT_PAGE);
    }
    if (request.path.startsWith('/assets/')) {
      const name = request.path.slice('/assets/'.length);
      if (!ASSET_NAME.test(name) || name.startsWith('.')) return next();
      const file = path.join(dist, 'assets', name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        return next();
      }
      if (!stat.isFile()) return next();
      void sendAsset(request, response, file, stat, compressor).catch(next);
      return;
    }
    return next();
  });
}

async function sendAsset(request: Request, response: Response, file: string, stat: fs.Stats, compressor: AssetCompressor): Promise<void> {
  response.setHeader('Cache-Control', ASSET_CACHE_CONTROL);
  response.setHeader('Vary', 'Accept-Encoding');
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const bytes = encoding ? await compressor.get(file, stat, encoding) : null;
  if (!encoding || !bytes) {
    response.sendFile(file, { cacheControl: false });
    return;
  }
  response.type(path.extname(file));
  response.setHeader('Content-Encoding', encoding);
  response.setHeader('Content-Length', String(bytes.length));
  response.setHeader('Last-Modified', stat.mtime.toUTCString());
  response.status(200);
  if (request.method === 'HEAD') response.end();
  else response.end(bytes);
}
