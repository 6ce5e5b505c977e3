/**
 * Token hygiene for the CRM clients: whatever leaves them (an AdapterError's message, its `cause`, a
 * stored outbox error) has the bearer token masked, in every form it may take in a text (raw, URL-encoded,
 * form-encoded).
 */

const MASK = '***';

/** The forms of a token that may appear in a text, longest first. Tokens under 4 characters are not searched (they would mask half the text). */
export function tokenForms(token: string): string[] {
  const forms = new Set<string>([token]);
  try {
    forms.add(encodeURIComponent(token));
    forms.add(encodeURIComponent(token).replace(/%20/g, '+'));
  } catch {
    // a lone surrogate: the raw form is listed
  }
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** The text with every form of the token masked, and any `Bearer …` value too. */
export function redactText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) out = out.split(form).join(MASK);
  return out.replace(/(\bbearer\s+)[^\s"',;]+/gi, `$1${MASK}`);
}

/** A JSON-like value with every string redacted (for vendor error bodies kept as `cause.body`). */
export function redactValue(value: unknown, forms: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, forms);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, forms));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redactText(key, forms)] = redactValue(item, forms);
    return out;
  }
  return value;
}

/** A plain Error standing in for a thrown value: name, code and redacted message, nothing else (no foreign cause chain). */
export function redactedError(error: unknown, forms: readonly string[]): Error {
  const source = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    cause?: unknown;
  };
  let message = typeof source.message === 'string' ? source.message : String(error);
  // undici hides the socket's reason in `cause` ("fetch failed" → "other side closed"): keep its words.
  const inner = source.cause as { message?: unknown; code?: unknown } | undefined;
  if (inner && typeof inner === 'object' && typeof inner.message === 'string' && inner.message !== message)
    message = `${message} (${inner.message})`;
  const copy = new Error(redactText(message, forms));
  if (typeof source.name === 'string' && source.name !== 'Error') copy.name = redactText(source.name, forms);
  const code = typeof source.code === 'string' ? source.code : typeof inner?.code === 'string' ? inner.code : undefined;
  if (code !== undefined) Object.assign(copy, { code: redactText(code, forms) });
  return copy;
}
