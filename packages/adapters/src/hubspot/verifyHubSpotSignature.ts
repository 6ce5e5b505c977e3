/** What {@link verifyHubSpotSignature} checks. */
export interface HubSpotSignatureInput {
  /** Your app's client secret. */
  clientSecret: string;
  /** The request method (`POST`). */
  method: string;
  /** The full URI HubSpot called, as configured (`https://example.com/hooks/hubspot?x=1`). */
  uri: string;
  /** The raw request body, exactly as received. */
  body: string;
  /** `X-HubSpot-Signature-v3` header. */
  signature: string;
  /** `X-HubSpot-Request-Timestamp` header (epoch ms). */
  timestamp: string;
  /** Clock (default Date.now) and the oldest accepted age (default 5 minutes, as HubSpot advises). */
  now?: () => number;
  maxAgeMs?: number;
}

/**
 * @name verifyHubSpotSignature
 * @category Adapters
 * @summary Checks a HubSpot webhook's v3 signature (HMAC-SHA256, base64) in constant time, and its age.
 *
 * @description
 * Signs `method + uri + body + timestamp` with the client secret and compares it with
 * `X-HubSpot-Signature-v3` without an early exit; a timestamp older than `maxAgeMs` (or in the future by
 * more) fails, so a captured delivery cannot be replayed. Resolves false on any mismatch, never throws
 * for bad input. Uses Web Crypto (Node 20+, browsers, edge runtimes).
 *
 * @example
 * const ok = await verifyHubSpotSignature({ clientSecret, method: 'POST', uri: url, body: rawBody,
 *   signature: req.headers['x-hubspot-signature-v3'], timestamp: req.headers['x-hubspot-request-timestamp'] })
 */
export async function verifyHubSpotSignature(input: HubSpotSignatureInput): Promise<boolean> {
  const { clientSecret, method, uri, body, signature, timestamp } = input;
  if ([clientSecret, method, uri, body, signature, timestamp].some((v) => typeof v !== 'string') || clientSecret === '')
    return false;
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  const age = (input.now ?? Date.now)() - Number(timestamp);
  const maxAge = input.maxAgeMs ?? 300_000;
  if (!(Math.abs(age) <= maxAge)) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(clientSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, encoder.encode(`${method}${uri}${body}${timestamp}`)),
  );
  let given: Uint8Array;
  try {
    given = Uint8Array.from(atob(signature), (c) => c.charCodeAt(0));
  } catch {
    return false;
  }
  let diff = given.length ^ mac.length;
  for (let i = 0; i < mac.length; i++) diff |= (mac[i] as number) ^ (given[i % Math.max(1, given.length)] ?? 0);
  return diff === 0;
}
