// Calls to the duban API with the signed-in user's bearer token. Errors carry the API's plain
// message (`{statusCode, code, message}`), never a code, so pages can show them as they are.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let currentToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setAccessToken(token: string | null): void {
  currentToken = token;
}

/** Called when the API answers 401 (token expired or revoked): the session signs out. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (currentToken) headers.authorization = `Bearer ${currentToken}`;
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络或稍后重试', 0);
  }
  if (!response.ok) {
    if (response.status === 401 && currentToken && onUnauthenticated) onUnauthenticated();
    throw new ApiError(await plainMessage(response), response.status);
  }
  return response;
}

async function plainMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string' && body.message) return body.message;
  } catch {
    // not JSON: fall through to a generic sentence
  }
  if (response.status === 404) return '请求的内容不存在';
  if (response.status >= 500) return '服务器内部错误，请稍后重试';
  return `请求失败（${response.status}）`;
}

export async function getJson<T>(path: string, query?: Query): Promise<T> {
  const response = await send('GET', withQuery(path, query));
  return (await response.json()) as T;
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await send('POST', path, body);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export async function putJson<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await send('PUT', path, body);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** Uploads one file as the multipart field `field` (the browser sets the boundary). */
export async function postFile<T>(path: string, field: string, file: File): Promise<T> {
  const form = new FormData();
  form.append(field, file);
  const response = await send('POST', path, form);
  return (await response.json()) as T;
}

/** Downloads a file the API streams (with the bearer token), saving it under the server's file name. */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<string> {
  const response = await send('GET', withQuery(path, query));
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1];
}
