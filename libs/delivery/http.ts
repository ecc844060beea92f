// One HTTP call with a timeout; the answer read as text (≤ 64 KB) and, when it parses, as JSON.

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

const MAX_ANSWER = 64 * 1024;

export async function httpCall(url: string, init: { method: string; headers: Record<string, string>; body?: string }, timeoutMs: number): Promise<HttpAnswer> {
  const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  const text = (await response.text()).slice(0, MAX_ANSWER);
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A readable one-line description of a fetch failure (timeout, refused, DNS), without the URL. */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: string }).code;
      return `${code ?? cause.name}: ${cause.message}`;
    }
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}

/** A short, single-line excerpt of an answer for a detail text. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
