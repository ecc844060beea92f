// Calls to the duban API with the signed-in user's bearer token. Errors carry the API's plain
// message (`{statusCode, code, message}`), never a code, so pages can show them as they are.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The API's stable error code (e.g. PASSWORD_REJECTED), when it sent one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

let currentToken: string | null = null;
let currentExpiresAt = 0;
let onUnauthenticated: (() => void) | null = null;
let refresher: (() => Promise<void>) | null = null;
let onPasswordChangeRequired: (() => void) | null = null;
let refreshing: Promise<void> | null = null;
let actingFor: string | null = null;
let onActingRefused: ((message: string) => void) | null = null;
let onActingCleared: (() => void) | null = null;

/**
 * 委托代理: while set, every API call (the account routes aside) carries `X-Acting-For: <head>`, and
 * the API treats the deputy as that head's department head under their active delegation.
 */
export function setActingFor(principal: string | null): void {
  actingFor = principal;
}

/** Called when signing out ends acting for a head (lib/acting.ts forgets it too). */
export function setActingClearedHandler(handler: (() => void) | null): void {
  onActingCleared = handler;
}

/** Called when the API answers 403 DELEGATION_NOT_ACTIVE (the delegation ended or was revoked): acting stops. */
export function setActingRefusedHandler(handler: ((message: string) => void) | null): void {
  onActingRefused = handler;
}

/** Renew the access token when it has less than this left (the session itself lives on the server). */
export const REFRESH_BEFORE_MS = 2 * 60_000;

export function setAccessToken(token: string | null, expiresAt?: string): void {
  currentToken = token;
  currentExpiresAt = token && expiresAt ? Date.parse(expiresAt) : 0;
  // Signed out (or the token ran out): nobody acts for a head any more.
  if (!token && actingFor) {
    actingFor = null;
    onActingCleared?.();
  }
}

/** Called when the API answers 401 (token expired or revoked): the session signs out. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** Called when the API answers 403 PASSWORD_CHANGE_REQUIRED: the session shows the change-password page. */
export function setPasswordChangeRequiredHandler(handler: (() => void) | null): void {
  onPasswordChangeRequired = handler;
}

/** How the session renews its access token (POST /auth/refresh); requests call it when the token is about to expire. */
export function setTokenRefresher(refresh: (() => Promise<void>) | null): void {
  refresher = refresh;
}

/** Renews the token now (one renewal at a time, however many requests ask). */
export function refreshAccessToken(): Promise<void> {
  if (!refresher) return Promise.resolve();
  refreshing ??= refresher().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function freshToken(path: string): Promise<void> {
  if (!currentToken || !refresher || path.startsWith('/auth/')) return;
  if (currentExpiresAt - Date.now() > REFRESH_BEFORE_MS) return;
  try {
    await refreshAccessToken();
  } catch {
    // the request goes out with the old token; a 401 then signs out
  }
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
  await freshToken(path);
  const headers: Record<string, string> = {};
  if (currentToken) headers.authorization = `Bearer ${currentToken}`;
  if (actingFor && !path.startsWith('/auth/')) headers['x-acting-for'] = actingFor;
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
    const { message, code } = await plainMessage(response);
    if (code === 'PASSWORD_CHANGE_REQUIRED' && onPasswordChangeRequired) onPasswordChangeRequired();
    if (code === 'DELEGATION_NOT_ACTIVE' && onActingRefused) onActingRefused(message);
    throw new ApiError(message, response.status, code);
  }
  return response;
}

async function plainMessage(response: Response): Promise<{ message: string; code?: string }> {
  try {
    const body = (await response.json()) as { message?: unknown; code?: unknown };
    const code = typeof body.code === 'string' ? body.code : undefined;
    if (typeof body.message === 'string' && body.message) return { message: body.message, code };
  } catch {
    // not JSON: fall through to a generic sentence
  }
  if (response.status === 404) return { message: '请求的内容不存在' };
  if (response.status >= 500) return { message: '服务器内部错误，请稍后重试' };
  return { message: `请求失败（${response.status}）` };
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

export async function patchJson<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await send('PATCH', path, body);
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

/**
 * Opens a document the API streams (a PDF) in a new tab: the tab is opened at once (so no popup
 * blocker stops it), then shown the file fetched with the bearer token; closed again on an error.
 */
export async function openFile(path: string): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const response = await send('GET', path);
    const url = URL.createObjectURL(await response.blob());
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (reason) {
    tab?.close();
    throw reason;
  }
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1];
}
