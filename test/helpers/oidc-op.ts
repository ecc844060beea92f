// Controls the real OpenID provider of test/helpers/oidc-op-process.mjs (a child process) and drives its
// development sign-in form like a browser would: fetch with a cookie jar, redirects by hand.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface OpAccount {
  name?: string;
  preferred_username?: string;
  employee_no?: string;
}

export interface TestOp {
  issuer: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (for a server that must know its address before it starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the provider for duban at `publicUrls` (client `duban`, secret `duban-test-secret`). */
export async function startTestOp(publicUrls: string[], accounts: Record<string, OpAccount> = {}, port?: number): Promise<TestOp> {
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-op-process.mjs'), String(port), publicUrls.join(','), JSON.stringify(accounts)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test OpenID provider did not start: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (!/WARNING/.test(text)) output += text;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test OpenID provider exited (${code}): ${output}`));
    });
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A browser's cookie jar for one site (name → value), enough for the provider's session cookies. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows duban's `GET /auth/oidc/start` through the provider's sign-in (login `login`, any
 * password) and consent forms until the provider redirects back to duban's callback; returns that
 * callback URL without calling it. `jar` keeps the provider's cookies (a second sign-in with the
 * same jar reuses the provider session).
 */
export async function signInAtOp(startUrl: string, login: string, jar = new CookieJar()): Promise<string> {
  const start = await fetch(startUrl, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const location = start.headers.get('location')!;
  const opOrigin = new URL(location).origin;
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, opOrigin), { redirect: 'manual', ...init, headers: { cookie: jar.header(), ...(init.headers as Record<string, string>) } });
    jar.keep(response);
    return response;
  };
  let response = await go(location);
  for (let step = 0; step < 12; step++) {
    const next = response.headers.get('location');
    if (next) {
      const absolute = new URL(next, opOrigin).href;
      if (!absolute.startsWith(opOrigin)) return absolute;
      response = await go(absolute);
      continue;
    }
    const html = await response.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at the provider (${response.status}): ${html.slice(0, 300)}`);
    const body = prompt === 'login' ? new URLSearchParams({ prompt, login, password: 'any' }) : new URLSearchParams({ prompt });
    response = await go(action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  throw new Error('the provider never sent the browser back to duban');
}
