// The web UI (apps/web, built by `npm run build:web`) at `/`: index.html at `/`, hashed bundles at
// `/assets/…`. Nothing else is touched, so every API path stays as it is; the UI routes with
// `#/…`, so no fallback page is needed. Files are looked up per request, so a build made while
// the API runs is picked up without a restart.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { repoRoot } from '@duban/runtime';

export function webDistDir(): string {
  return path.join(repoRoot(), 'apps', 'web', 'dist');
}

const ASSET_NAME = /^[A-Za-z0-9_.-]+$/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>督办 · 网页界面尚未构建</title></head>
<body style="font-family: sans-serif; margin: 3em; line-height: 1.6">
<h1>网页界面尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code>，然后刷新本页。（<code>npm start</code> 会自动构建。）</p>
<p>接口不受影响：例如 <a href="/health">/health</a>、<a href="/docs">/docs</a>。</p>
</body></html>`;

export function serveWebUi(app: NestExpressApplication, dist = webDistDir()): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path === '/' || request.path === '/index.html') {
      const index = path.join(dist, 'index.html');
      response.setHeader('Cache-Control', 'no-cache');
      if (fs.existsSync(index)) return response.sendFile(index);
      return response.status(200).type('html').send(NOT_BUILT_PAGE);
    }
    if (request.path.startsWith('/assets/')) {
      const name = request.path.slice('/assets/'.length);
      const file = path.join(dist, 'assets', name);
      if (ASSET_NAME.test(name) && !name.startsWith('.') && fs.existsSync(file)) {
        return response.sendFile(file, { maxAge: '365d', immutable: true });
      }
    }
    return next();
  });
}
