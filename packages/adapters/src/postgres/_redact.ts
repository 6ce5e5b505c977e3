/**
 * Credential hygiene for the PostgreSQL adapter: nothing that leaves it (an AdapterError's message, its
 * `cause`, a log line) may carry the password or the connection string. pg's own errors are never passed
 * on as they are: the adapter wraps a redacted copy that keeps only the name, the code and the message.
 */

const MASK = '***';
// `scheme://user:password@` (and `scheme://user@`) anywhere in a text.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;
// `password=…` in a query string or a libpq keyword/value string.
const PASSWORD_PARAM = /(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)/gi;

/** The secrets of a connection string: itself, its password (raw and decoded) and its user:password part. */
export function secretsOf(connectionString: string | undefined): string[] {
  if (!connectionString) return [];
  const secrets = [connectionString];
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(connectionString);
  const userInfo = match?.[1];
  if (userInfo !== undefined) {
    secrets.push(userInfo);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) {
      const raw = userInfo.slice(colon + 1);
      secrets.push(raw);
      try {
        secrets.push(decodeURIComponent(raw));
      } catch {
        // a malformed escape: the raw form is already listed
      }
    }
  }
  const param = /[?&]password=([^&#]*)/i.exec(connectionString)?.[1];
  if (param !== undefined) {
    secrets.push(param);
    try {
      secrets.push(decodeURIComponent(param.replace(/\+/g, ' ')));
    } catch {
      // as above
    }
  }
  // Longest first, so a secret that contains another is masked whole. Very short secrets (one or two
  // characters) would mask half the message; the patterns below still remove them from URLs.
  return [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

/** The text with every known secret and every URL credential or `password=` value masked. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out.replace(URL_CREDENTIALS, `$1${MASK}@`).replace(PASSWORD_PARAM, `$1${MASK}`);
}

/** A plain Error standing in for one of pg's (or Node's): name, code and a redacted message, nothing else. */
export function redactedError(error: unknown, secrets: readonly string[]): Error {
  const source = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
  };
  const message = typeof source.message === 'string' ? source.message : String(error);
  const copy = new Error(redact(message, secrets));
  if (typeof source.name === 'string' && source.name !== 'Error') copy.name = redact(source.name, secrets);
  if (typeof source.code === 'string') Object.assign(copy, { code: redact(source.code, secrets) });
  return copy;
}
