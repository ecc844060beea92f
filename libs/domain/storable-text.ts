/**
 * NUL, or half of a UTF-16 surrogate pair: JSON (`"\u0000"`, `"\ud800"`) can carry both, and
 * PostgreSQL refuses both in text and jsonb, so a command would fail in the database after the
 * workflow accepted it (its event write retrying forever). The API refuses them for every request
 * part, and the workflows refuse them again for any other caller.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path (`a.b.0`, '' for the value itself) of the first string or key PostgreSQL cannot store. */
export function unstorableText(value: unknown): string | undefined {
  // Iterative: a deeply nested body must not overflow the stack.
  const pending: Array<[unknown, string]> = [[value, '']];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [current, path] = item;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return path;
    } else if (current !== null && typeof current === 'object' && !ArrayBuffer.isView(current)) {
      for (const [key, child] of Object.entries(current)) {
        if (UNSTORABLE.test(key)) return path;
        pending.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

/** The plain sentence for a refused value (API 400 and workflow rejection say the same). */
export function unstorableTextMessage(path: string): string {
  return `${path ? `${path}: ` : ''}不能包含空字符（\\u0000）或不成对的代理字符`;
}
