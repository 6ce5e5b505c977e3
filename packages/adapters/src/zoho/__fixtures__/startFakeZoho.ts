// A fake Zoho CRM (node:http on 127.0.0.1) speaking the documented JSON of the v6 records API: Get Records
// (`fields`, `per_page`, `sort_by`, `page_token`, `If-Modified-Since`, 204 / 304) and Update Records
// (`PUT /crm/v6/Leads` with `{ data: [...] }` and per-record results), with injectable faults.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseZohoDateTime } from '../_mapZoho';
import { sortKey } from '../createZohoAdapter';
import { type ZohoTables, zohoDateTime } from './toZohoRecords';

/** One request as the fake saw it. */
export interface SeenZohoRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An answer to give instead of the real one (first matching fault, used once). */
export interface ZohoFault {
  match?: (method: string, url: string) => boolean;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answers 200 with half of a JSON body (and a Content-Length of the whole). */
  truncate?: boolean;
  /** Destroys the socket without an answer. */
  drop?: boolean;
}

export interface FakeZoho {
  url: string;
  tables: ZohoTables;
  requests: SeenZohoRequest[];
  /** Record updates applied (PUT), in order, with their Idempotency-Key. */
  updates: { record: Record<string, unknown>; idempotencyKey?: string }[];
  faults: ZohoFault[];
  /** When true, every call answers 500 INTERNAL_ERROR. */
  down: boolean;
  /** Called before a page that follows a page_token is served (to change records mid-listing). */
  beforeTokenPage?: () => void;
  /** Applies the next matching request but never answers it (the caller dies waiting); resolves when it arrives. */
  hold(match: (method: string, url: string) => boolean): Promise<SeenZohoRequest>;
  close(): Promise<void>;
}

const MAX_PER_PAGE = 200;

/**
 * @name startFakeZoho
 * @category Testing
 * @summary A local Zoho CRM v6 for the adapter's tests: seeded tables, documented paging and errors, faults.
 *
 * @example
 * const zoho = await startFakeZoho({ tables, token })
 */
export async function startFakeZoho(options: {
  tables: ZohoTables;
  token: string;
  now?: () => number;
}): Promise<FakeZoho> {
  const { tables } = options;
  const now = options.now ?? Date.now;
  /** page_token → the offset it continues from, in the live table (tokens are not snapshots). */
  const tokens = new Map<string, { module: keyof ZohoTables; offset: number }>();
  let tokenSeq = 0;

  const fake: FakeZoho = {
    url: '',
    tables,
    requests: [],
    updates: [],
    faults: [],
    down: false,
    hold: (match) => new Promise<SeenZohoRequest>((resolve) => holds.push({ match, resolve })),
    close: async () => {},
  };
  const holds: { match: (method: string, url: string) => boolean; resolve: (seen: SeenZohoRequest) => void }[] = [];
  // Where a held request's answer goes: nowhere.
  const sink = { writeHead: () => sink, setHeader: () => sink, end: () => sink } as unknown as ServerResponse;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8' }),
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    res.end(text);
  };
  const error = (code: string, message: string, details: Record<string, unknown> = {}) => ({
    code,
    details,
    message,
    status: 'error',
  });

  const getRecords = (res: ServerResponse, module: keyof ZohoTables, url: URL, req: IncomingMessage) => {
    const fields = url.searchParams.get('fields');
    if (!fields) {
      send(res, 400, error('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'fields' }));
      return;
    }
    const perPage = Number(url.searchParams.get('per_page') ?? 200);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
      send(res, 400, error('INVALID_DATA', 'invalid data', { param: 'per_page' }));
      return;
    }
    const token = url.searchParams.get('page_token');
    let offset = 0;
    if (token !== null) {
      const at = tokens.get(token);
      if (!at || at.module !== module) {
        send(res, 400, error('INVALID_DATA', 'invalid page token', { param: 'page_token' }));
        return;
      }
      fake.beforeTokenPage?.();
      offset = at.offset;
    }
    const since = req.headers['if-modified-since'];
    const sinceMs = typeof since === 'string' ? parseZohoDateTime(since) : Number.NaN;
    if (typeof since === 'string' && Number.isNaN(sinceMs)) {
      send(res, 400, error('INVALID_DATA', 'invalid If-Modified-Since', { header: 'If-Modified-Since' }));
      return;
    }
    let rows = tables[module].filter((r) => Number.isNaN(sinceMs) || parseZohoDateTime(r.Modified_Time) > sinceMs);
    if (url.searchParams.get('sort_by') === 'id') {
      const desc = url.searchParams.get('sort_order') === 'desc';
      rows = [...rows].sort((a, b) => {
        const x = sortKey(String(a.id));
        const y = sortKey(String(b.id));
        return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
      });
    }
    if (rows.length === 0) {
      if (!Number.isNaN(sinceMs)) res.writeHead(304).end();
      else res.writeHead(204).end();
      return;
    }
    const wanted = fields.split(',');
    const slice = rows.slice(offset, offset + perPage).map((r) => {
      const out: Record<string, unknown> = {};
      for (const f of wanted) out[f] = r[f] ?? null;
      out.id = r.id;
      return out;
    });
    const more = offset + perPage < rows.length;
    let next: string | null = null;
    if (more) {
      next = `ptk${String(++tokenSeq).padStart(6, '0')}${'x'.repeat(20)}`;
      tokens.set(next, { module, offset: offset + perPage });
    }
    send(res, 200, {
      data: slice,
      info: {
        per_page: perPage,
        count: slice.length,
        page: Math.floor(offset / perPage) + 1,
        sort_by: url.searchParams.get('sort_by') ?? 'id',
        sort_order: url.searchParams.get('sort_order') ?? 'desc',
        more_records: more,
        next_page_token: next,
        previous_page_token: token,
        page_token_expiry: more ? zohoDateTime(now() + 86_400_000, 0) : null,
      },
    });
  };

  const updateLeads = (res: ServerResponse, seen: SeenZohoRequest, req: IncomingMessage) => {
    let body: { data?: unknown };
    try {
      body = JSON.parse(seen.body) as { data?: unknown };
    } catch {
      send(res, 400, error('INVALID_DATA', 'body is not JSON'));
      return;
    }
    if (!Array.isArray(body.data) || body.data.length === 0 || body.data.length > 100) {
      send(res, 400, error('INVALID_DATA', 'data must hold 1 to 100 records', { api_name: 'data' }));
      return;
    }
    const known = new Set(tables.Leads.flatMap((r) => Object.keys(r)));
    const results = body.data.map((record: Record<string, unknown>) => {
      const row = tables.Leads.find((r) => r.id === record.id);
      if (!row)
        return {
          code: 'INVALID_DATA',
          details: { api_name: 'id', json_path: '$.data[0].id' },
          message: 'the id given seems to be invalid',
          status: 'error',
        };
      for (const field of Object.keys(record))
        if (!known.has(field))
          return { code: 'INVALID_DATA', details: { api_name: field }, message: 'invalid field', status: 'error' };
      const at = zohoDateTime(now(), 0);
      Object.assign(row, record, { Modified_Time: at });
      const key = req.headers['idempotency-key'];
      fake.updates.push({ record, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) });
      return {
        code: 'SUCCESS',
        details: {
          Modified_Time: at,
          Modified_By: { name: 'Accord', id: '1' },
          Created_Time: row.Created_Time,
          id: row.id,
        },
        message: 'record updated',
        status: 'success',
      };
    });
    const failed = results.every((r) => r.status === 'error');
    send(res, failed ? 400 : 200, { data: results });
  };

  const handle = (req: IncomingMessage, res: ServerResponse, seen: SeenZohoRequest) => {
    const faultAt = fake.faults.findIndex((f) => !f.match || f.match(seen.method, seen.url));
    if (faultAt >= 0) {
      const fault = fake.faults.splice(faultAt, 1)[0] as ZohoFault;
      if (fault.drop) {
        res.socket?.destroy();
        return;
      }
      if (fault.truncate) {
        const text = JSON.stringify({ data: [{ id: 'x' }], info: { more_records: false } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
        res.end(text.slice(0, Math.floor(text.length / 2)));
        res.socket?.destroy();
        return;
      }
      send(res, fault.status ?? 500, fault.body, fault.headers);
      return;
    }
    if (fake.down) {
      send(res, 500, error('INTERNAL_ERROR', 'Internal Server Error'));
      return;
    }
    if (req.headers.authorization !== `Zoho-oauthtoken ${options.token}`) {
      send(res, 401, error('INVALID_TOKEN', 'invalid oauth token'));
      return;
    }
    const url = new URL(seen.url, 'http://x');
    const m = /^\/crm\/v6\/(Leads|Deals)$/.exec(url.pathname);
    if (!m) {
      send(res, 404, error('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'));
      return;
    }
    if (seen.method === 'GET') getRecords(res, m[1] as keyof ZohoTables, url, req);
    else if (seen.method === 'PUT' && m[1] === 'Leads') updateLeads(res, seen, req);
    else send(res, 405, error('INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenZohoRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      fake.requests.push(seen);
      const h = fake.down ? -1 : holds.findIndex((x) => x.match(seen.method, seen.url));
      const held = h >= 0 ? holds.splice(h, 1)[0] : undefined;
      try {
        handle(req, held ? sink : res, seen);
      } catch {
        send(res, 500, error('INTERNAL_ERROR', 'Internal Server Error'));
      }
      held?.resolve(seen);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return fake;
}
