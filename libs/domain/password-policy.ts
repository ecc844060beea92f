// The password rule, one place for the API (which enforces it) and the web UI (which explains it).

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** A new password may not be the current one nor one of this many before it. */
export const PASSWORD_HISTORY_DEPTH = 5;

export type PasswordProblem = { ok: true } | { ok: false; rule: 'length' | 'classes' | 'username'; message: string };

/** Plain statement of the rule, for forms. */
export const PASSWORD_RULE_TEXT = `至少 ${PASSWORD_MIN_LENGTH} 位，包含小写字母、大写字母、数字、符号中的至少三类，且不能包含用户名`;

/**
 * Checks a new password: at least 10 characters, at least three of lower-case letters, upper-case
 * letters, digits and other characters (symbols, Chinese characters…), and no username inside it. Pure: no I/O, so the web UI can show the same answer.
 */
export function checkPasswordStrength(password: string, username: string): PasswordProblem {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) {
    return { ok: false, rule: 'length', message: `密码至少需要 ${PASSWORD_MIN_LENGTH} 位（现在 ${characters.length} 位）` };
  }
  if (characters.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, rule: 'length', message: `密码不能超过 ${PASSWORD_MAX_LENGTH} 位` };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) {
    return { ok: false, rule: 'classes', message: '密码需包含小写字母、大写字母、数字、符号中的至少三类' };
  }
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) {
    return { ok: false, rule: 'username', message: '密码不能包含用户名' };
  }
  return { ok: true };
}
