import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, type WebhookSignatureResult } from '../createWebhookSink';

/** `429` (Retry-After 1), `500`, `drop`, `hang-before`, `hang-after` (applies the action, never answers), `400`. */
export type ReceiverFault = '429' | '500' | 'drop' | 'hang-before' | 'hang-after' | '400';

/** State that survives a restart. */
export interface ReceiverState {
  /** Applied actions by Idempotency-Key (a key is applied once). */
  applied: Map<string, { body: unknown; times: number }>;
  /** Every request that arrived, with its verification result. */
  receipts: { key?: string; verified: WebhookSignatureResult; authorization?: string }[];
  faults: ReceiverFault[];
}

export interface WebhookReceiver {
  url: string;
  port: number;
  state: ReceiverState;
  close(): Promise<void>;
}

export function newReceiverState(): ReceiverState {
  return { applied: new Map(), receipts: [], faults: [] };
}

/**
 * @name startWebhookReceiver
 * @category Testing
 * @summary A loopback webhook receiver done right: verifies the signature on the raw body, refuses bad ones with 401, applies each Idempotency-Key once.
 */
export async function startWebhookReceiver(options: {
  secret: string;
  state?: ReceiverState;
  port?: number;
}): Promise<WebhookReceiver> {
  const state = options.state ?? newReceiverState();
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const verified = verifyWebhookSignature(raw, req.headers, options.secret);
    const key = req.headers['idempotency-key'] as string | undefined;
    state.receipts.push({
      ...(key === undefined ? {} : { key }),
      verified,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const fault = state.faults.shift();
    if (fault === 'drop') return res.socket?.destroy();
    if (fault === 'hang-before') return;
    if (fault === '429') return res.writeHead(429, { 'retry-after': '1' }).end('slow down');
    if (fault === '500') return res.writeHead(500).end('boom');
    if (fault === '400')
      return res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"bad action"}');
    if (!verified.ok) return res.writeHead(401).end(verified.reason);
    if (!key) return res.writeHead(400).end('missing Idempotency-Key');
    const seen = state.applied.get(key);
    if (seen) seen.times++;
    else state.applied.set(key, { body: JSON.parse(raw), times: 1 });
    if (fault === 'hang-after') return;
    res
      .writeHead(seen ? 200 : 201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: `evt_${state.applied.size}` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/accord`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
