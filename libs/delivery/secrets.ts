// Secrets never leave the library in clear: `mask` for display, `scrub` for every error text.

const DOTS = '••••';

/** Only a secret at least this long shows its last 4 characters (a shorter one would give away too much of itself). */
export const MASK_TAIL_MIN_LENGTH = 16;

/** `••••a1b2`: four dots and the last four characters of a long token (≥ 16 characters); only the dots otherwise. */
export function mask(secret: string | undefined | null): string {
  if (!secret) return '';
  return secret.length < MASK_TAIL_MIN_LENGTH ? DOTS : DOTS + secret.slice(-4);
}

/** A robot webhook shown safely: `https://qyapi.weixin.qq.com/…/send?key=••••a1b2` (the token masked wherever it is). */
export function maskWebhook(webhook: string): string {
  let url: URL;
  try {
    url = new URL(webhook);
  } catch {
    return mask(webhook);
  }
  const parts = url.pathname.split('/').filter(Boolean);
  const hookAt = parts.indexOf('hook');
  const tail = hookAt >= 0 && parts[hookAt + 1] ? `hook/${mask(parts[hookAt + 1])}` : (parts[parts.length - 1] ?? '');
  const path = parts.length > 1 ? `/…/${tail}` : `/${tail}`;
  const query = [...url.searchParams.entries()].map(([k, v]) => `${k}=${SECRET_QUERY_KEYS.has(k.toLowerCase()) ? mask(v) : v}`).join('&');
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ''}`;
}

/** Query (and form/JSON body) keys whose value is a credential: masked in webhooks, refused as literals in an SMS template. */
export const SECRET_QUERY_KEYS: ReadonlySet<string> = new Set(['key', 'access_token', 'token', 'sign', 'secret', 'signature', 'password', 'apikey', 'api_key']);

/**
 * The strings to scrub for a set of secret values: each value, its URL-encoded and form-encoded forms,
 * and for URLs the tokens inside them (query values such as key/access_token, the hook path segment).
 */
export function secretVariants(values: ReadonlyArray<string | undefined | null>): string[] {
  const out = new Set<string>();
  const add = (s: string | undefined | null) => {
    if (!s || s.length < 4) return; // too short to scrub without shredding ordinary words
    out.add(s);
    out.add(encodeURIComponent(s));
    out.add(encodeURIComponent(s).replace(/%20/g, '+'));
    out.add(JSON.stringify(s).slice(1, -1));
  };
  for (const value of values) {
    if (!value) continue;
    add(value);
    let url: URL | undefined;
    try {
      url = /^https?:\/\//i.test(value) ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    if (url) {
      for (const [, v] of url.searchParams) add(v);
      const parts = url.pathname.split('/').filter(Boolean);
      const hookAt = parts.indexOf('hook');
      if (hookAt >= 0) add(parts[hookAt + 1]);
      if (url.password) add(decodeURIComponent(url.password));
      add(url.search.slice(1));
    }
  }
  // Longest first, so a URL is replaced whole before the token inside it.
  return [...out].sort((a, b) => b.length - a.length);
}

/** `text` with every secret (and its encoded forms and tokens) replaced by its mask. */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined | null>): string {
  let out = text;
  for (const s of secretVariants(secrets)) out = out.split(s).join(mask(s));
  return out;
}

/** Every secret value of a channel's secrets object (any string field). */
export function secretValues(secrets: object): string[] {
  return Object.values(secrets).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
