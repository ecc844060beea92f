// The built web UI as the API serves it: the hashed bundles brotli- or gzip-encoded as the browser
// accepts (decoding to the very bytes of the build), cached for a year as immutable; index.html
// revalidated every time; JSON answers compressed too; downloads as stored. Raw HTTP (node:http),
// so nothing decodes behind the test's back.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ASSET_CACHE_CONTROL, webDistDir } from '../apps/api/web/serve-web-ui';
import { startTestSystem, type TestSystem } from './helpers/system';

jest.setTimeout(90_000);

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

const dist = webDistDir();
let system: TestSystem;
let bundle: { url: string; raw: Buffer };

beforeAll(async () => {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) throw new Error('this suite needs the web UI build (apps/web/dist): run it through `npm test`, which builds it, or run `npm run build:web` first');
  // The biggest script the page loads: the main bundle.
  const scripts = [...fs.readFileSync(index, 'utf8').matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  const [main] = scripts.map((url) => ({ url, raw: fs.readFileSync(path.join(dist, url)) })).sort((a, b) => b.raw.length - a.raw.length);
  system = await startTestSystem('static-assets');
  bundle = { url: `${system.baseUrl}${main.url}`, raw: main.raw };
}, 60_000);

afterAll(async () => {
  await system?.stop();
});

describe('static assets', () => {
  const sizes: Record<string, number> = {};

  it('sends the main bundle brotli-encoded to a browser that accepts br, decoding to the same bytes', async () => {
    const response = await get(bundle.url, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const decoded = zlib.brotliDecompressSync(response.body);
    expect(decoded.equals(bundle.raw)).toBe(true);
    expect(response.body.length).toBeLessThan(bundle.raw.length * 0.4);
    sizes.br = response.body.length;
  });

  it('sends it gzip-encoded to one that accepts only gzip (or refuses br)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.8']) {
      const response = await get(bundle.url, { 'accept-encoding': accept });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
      expect(zlib.gunzipSync(response.body).equals(bundle.raw)).toBe(true);
      expect(response.body.length).toBeLessThan(bundle.raw.length * 0.5);
      sizes.gzip = response.body.length;
    }
    expect(sizes.br).toBeLessThan(sizes.gzip);
  });

  it('sends the bytes as built to one that accepts no encoding, with the same caching', async () => {
    const variants: Array<Record<string, string>> = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }];
    for (const headers of variants) {
      const response = await get(bundle.url, headers);
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
      expect(response.body.equals(bundle.raw)).toBe(true);
    }
    sizes.raw = bundle.raw.length;
    // The figures for the record: raw / gzip / br.
    console.log(`main bundle ${path.basename(bundle.url)}: raw ${sizes.raw} B, gzip ${sizes.gzip} B, br ${sizes.br} B`);
  });

  it('answers HEAD with the headers only, and an unknown asset with 404', async () => {
    const head = await get(bundle.url, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
    const missing = await get(`${system.baseUrl}/assets/index-00000000.js`, { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toBe(ASSET_CACHE_CONTROL);
  });

  it('revalidates index.html every time (no-cache), compressed when accepted', async () => {
    const raw = fs.readFileSync(path.join(dist, 'index.html'));
    for (const url of [`${system.baseUrl}/`, `${system.baseUrl}/index.html`]) {
      const plain = await get(url);
      expect(plain.status).toBe(200);
      expect(plain.headers['cache-control']).toBe('no-cache');
      expect(plain.body.equals(raw)).toBe(true);
    }
    const encoded = await get(`${system.baseUrl}/`, { 'accept-encoding': 'gzip' });
    expect(encoded.headers['cache-control']).toBe('no-cache');
    const body = encoded.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(encoded.body) : encoded.body;
    expect(body.equals(raw)).toBe(true);
  });

  it('compresses JSON answers of the API, and leaves downloads as they are', async () => {
    const token = await system.login('leader1');
    const list = await get(`${system.baseUrl}/measures?year=2022&pageSize=50`, { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' });
    expect(list.status).toBe(200);
    expect(list.headers['content-encoding']).toBe('br');
    expect(list.headers.vary).toMatch(/accept-encoding/i);
    const json = JSON.parse(zlib.brotliDecompressSync(list.body).toString('utf8')) as { items: unknown[] };
    expect(json.items.length).toBeGreaterThan(10);

    const gz = await get(`${system.baseUrl}/measures?year=2022&pageSize=50`, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString('utf8'))).toEqual(json);

    const csv = await get(`${system.baseUrl}/reports/ledger?year=2022&format=csv`, { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect(csv.headers['content-encoding']).toBeUndefined();
    expect(csv.body.toString('utf8')).toContain('2.1.1');
  });
});
