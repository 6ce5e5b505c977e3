import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the fake does to the next request of a route instead of (or after) answering normally:
 * `429` (HTTP 429 + Retry-After), `ratelimited` (Slack's 200 `{ok:false,error:"ratelimited"}` +
 * Retry-After), `500`, `drop` (socket destroyed before anything is recorded), `hang-before` (never
 * answers, nothing recorded), `hang-after` (records the message, then never answers), or any other
 * string: Slack's 200 `{ ok: false, error: <it> }` (token mode) / a 4xx text (webhook mode).
 */
export type SlackFault = '429' | 'ratelimited' | '500' | 'drop' | 'hang-before' | 'hang-after' | (string & {});

/** A posted message as the fake channel keeps it. */
export interface FakeSlackMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  via: 'webhook' | 'api';
}

/** State that survives a restart of the server (the channel's history, the faults still to play). */
export interface FakeSlackState {
  messages: FakeSlackMessage[];
  faults: { webhook: SlackFault[]; post: SlackFault[]; history: SlackFault[] };
  /** Every request: method, path (the webhook path masked) and its Authorization header. */
  requests: { method: string; path: string; authorization?: string }[];
}

export interface FakeSlack {
  url: string;
  port: number;
  state: FakeSlackState;
  close(): Promise<void>;
}

export const FAKE_SLACK_TOKEN = 'xoxb-1111-2222-SECRETtokenABC';
export const FAKE_WEBHOOK_PATH = '/services/T0001/B0001/SECRETwebhookXYZ';
export const FAKE_CHANNEL = 'C0123ABCD';

export function newSlackState(): FakeSlackState {
  return { messages: [], faults: { webhook: [], post: [], history: [] }, requests: [] };
}

/**
 * @name startFakeSlack
 * @category Testing
 * @summary A loopback server speaking Slack's incoming-webhook and Web API (`chat.postMessage`, `conversations.history`) shapes, with injectable faults.
 *
 * @description
 * Incoming webhook: `POST <FAKE_WEBHOOK_PATH>` with JSON `{ text, blocks }` → `200 ok` (text), `400
 * invalid_payload`, `404 no_service` for another path. Web API: Bearer `FAKE_SLACK_TOKEN`, else `200
 * {ok:false,error:"invalid_auth"}` (`not_authed` without a header); `chat.postMessage` (JSON) → `{ ok,
 * channel, ts, message }`, `channel_not_found` for another channel; `conversations.history?channel&limit
 * &include_all_metadata` → `{ ok, messages (newest first), has_more }`, metadata only when asked.
 * Pass the same `state` and `port` to restart it.
 */
export async function startFakeSlack(options: { state?: FakeSlackState; port?: number } = {}): Promise<FakeSlack> {
  const state = options.state ?? newSlackState();
  let seq = state.messages.length;
  const nextTs = () => `1767225600.${String(++seq).padStart(6, '0')}`;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('fake error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname === FAKE_WEBHOOK_PATH ? '/services/***' : url.pathname;
    state.requests.push({
      method: req.method ?? '',
      path,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    if (url.pathname.startsWith('/services/')) return webhook(url, raw, res);
    if (url.pathname === '/api/chat.postMessage' && req.method === 'POST') return postMessage(req, raw, res);
    if (url.pathname === '/api/conversations.history' && req.method === 'GET') return history(req, url, res);
    json(res, 404, { ok: false, error: 'unknown_method' });
  }

  function webhook(url: URL, raw: string, res: ServerResponse): unknown {
    if (url.pathname !== FAKE_WEBHOOK_PATH) return text(res, 404, 'no_service');
    const fault = state.faults.webhook.shift();
    if (fault && common(fault, res, () => text(res, 429, 'rate_limited', { 'retry-after': '1' }))) return;
    if (fault && !['hang-after'].includes(fault)) return text(res, 404, fault);
    let body: { text?: string; blocks?: unknown[] };
    try {
      body = JSON.parse(raw);
    } catch {
      return text(res, 400, 'invalid_payload');
    }
    if (typeof body.text !== 'string' && !Array.isArray(body.blocks)) return text(res, 400, 'no_text');
    state.messages.push({
      ts: nextTs(),
      channel: FAKE_CHANNEL,
      ...(body.text === undefined ? {} : { text: body.text }),
      ...(body.blocks === undefined ? {} : { blocks: body.blocks }),
      via: 'webhook',
    });
    if (fault === 'hang-after') return; // took it, never answers
    text(res, 200, 'ok');
  }

  function authError(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (!header) return 'not_authed';
    return header === `Bearer ${FAKE_SLACK_TOKEN}` ? undefined : 'invalid_auth';
  }

  function postMessage(req: IncomingMessage, raw: string, res: ServerResponse): unknown {
    const auth = authError(req);
    if (auth) return json(res, 200, { ok: false, error: auth });
    const fault = state.faults.post.shift();
    if (fault && common(fault, res, () => json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' })))
      return;
    if (fault === 'ratelimited') return json(res, 200, { ok: false, error: 'ratelimited' }, { 'retry-after': '2' });
    if (fault && fault !== 'hang-after') return json(res, 200, { ok: false, error: fault });
    if (!String(req.headers['content-type']).startsWith('application/json'))
      return json(res, 200, { ok: false, error: 'invalid_arguments' });
    const body = JSON.parse(raw) as {
      channel?: string;
      text?: string;
      blocks?: unknown[];
      metadata?: FakeSlackMessage['metadata'];
    };
    if (body.channel !== FAKE_CHANNEL) return json(res, 200, { ok: false, error: 'channel_not_found' });
    if (typeof body.text !== 'string' && !Array.isArray(body.blocks))
      return json(res, 200, { ok: false, error: 'no_text' });
    const message: FakeSlackMessage = {
      ts: nextTs(),
      channel: body.channel,
      ...(body.text === undefined ? {} : { text: body.text }),
      ...(body.blocks === undefined ? {} : { blocks: body.blocks }),
      ...(body.metadata === undefined ? {} : { metadata: body.metadata }),
      via: 'api',
    };
    state.messages.push(message);
    if (fault === 'hang-after') return;
    json(res, 200, {
      ok: true,
      channel: message.channel,
      ts: message.ts,
      message: { type: 'message', text: message.text },
    });
  }

  function history(req: IncomingMessage, url: URL, res: ServerResponse): unknown {
    const auth = authError(req);
    if (auth) return json(res, 200, { ok: false, error: auth });
    const fault = state.faults.history.shift();
    if (fault && common(fault, res, () => json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' })))
      return;
    if (fault) return json(res, 200, { ok: false, error: fault });
    if (url.searchParams.get('channel') !== FAKE_CHANNEL)
      return json(res, 200, { ok: false, error: 'channel_not_found' });
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 999);
    const withMetadata = url.searchParams.get('include_all_metadata') === 'true';
    const all = state.messages.filter((m) => m.channel === FAKE_CHANNEL).reverse();
    json(res, 200, {
      ok: true,
      messages: all.slice(0, limit).map((m) => ({
        type: 'message',
        ts: m.ts,
        text: m.text,
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      })),
      has_more: all.length > limit,
    });
  }

  /** The faults every route shares; true when handled. */
  function common(fault: SlackFault, res: ServerResponse, tooMany: () => void): boolean {
    if (fault === '429') tooMany();
    else if (fault === '500') text(res, 500, 'internal_error');
    else if (fault === 'drop') res.socket?.destroy();
    else if (fault === 'hang-before') {
      // never answers
    } else return false;
    return true;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
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

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(payload);
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html', ...headers });
  res.end(body);
}
