// A fake Salesforce org on 127.0.0.1 for tests: the REST query resource (a small SOQL subset, query
// locators that page a snapshot through nextRecordsUrl), sObject PATCH, the documented error array, and
// injectable faults (status codes, truncated bodies, an org that is down).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SfTables } from './toSalesforceRecords';
import { sfDateTime } from './toSalesforceRecords';

/** One fault, served instead of the answer to the next request it matches. */
export interface FakeFault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sends a 200 whose JSON is cut in half (Content-Length matching the cut). */
  truncate?: boolean;
  match?: (method: string, url: string) => boolean;
}

export interface SeenSfRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The decoded SOQL of a query request. */
  soql?: string;
}

export interface FakeSalesforce {
  url: string;
  tables: SfTables;
  requests: SeenSfRequest[];
  /** Successful PATCHes, in order. */
  patches: { id: string; body: Record<string, unknown>; idempotencyKey?: string }[];
  /** Queued faults. */
  faults: FakeFault[];
  /** When true, every request gets a 503 with SERVER_UNAVAILABLE. */
  down: boolean;
  /** Called before each query-locator page is served (tests change data here). */
  beforeLocatorPage?: () => void;
  /**
   * The next request (while up) that `match`es is applied but never answered (its socket stays open until
   * `close`), as when the caller dies mid-request; resolves with it once applied.
   */
  hold(match: (method: string, url: string) => boolean): Promise<SeenSfRequest>;
  close(): Promise<void>;
}

const RELATIONS: Record<string, Record<string, [string, keyof SfTables]>> = {
  Lead: { ConvertedOpportunity: ['ConvertedOpportunityId', 'Opportunity'] },
  CampaignMember: { Campaign: ['CampaignId', 'Campaign'] },
};

const FIELDS: Record<keyof SfTables, string[]> = {
  Lead: [
    'Id',
    'Status',
    'LeadSource',
    'OwnerId',
    'IsConverted',
    'ConvertedDate',
    'ConvertedOpportunityId',
    'CreatedDate',
    'Email',
    'Company',
    'Country',
    'LastModifiedDate',
    'Accord_Reject_Reason__c',
    'Accord_Disposition_At__c',
    'Accord_Disposition_By__c',
    'Accord_Disposition_Detail__c',
  ],
  LeadHistory: ['Id', 'LeadId', 'Field', 'OldValue', 'NewValue', 'CreatedDate'],
  Opportunity: [
    'Id',
    'StageName',
    'Amount',
    'CloseDate',
    'IsWon',
    'IsClosed',
    'CreatedDate',
    'AccountId',
    'LeadSource',
    'LastModifiedDate',
  ],
  Campaign: ['Id', 'Name', 'Type'],
  CampaignMember: ['Id', 'CampaignId', 'LeadId', 'FirstRespondedDate', 'CreatedDate', 'LastModifiedDate'],
};

class SoqlError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

type Value = string | number | boolean | null | { dt: number };
type Expr =
  | { op: 'and'; left: Expr; right: Expr }
  | { op: 'or'; left: Expr; right: Expr }
  | { op: 'cmp'; field: string; cmp: string; value: Value }
  | { op: 'in'; field: string; values: Value[] };

interface Query {
  fields: string[];
  object: keyof SfTables;
  where?: Expr;
  orderBy: string[];
  limit?: number;
}

const TOKEN =
  /\s*(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d))|('(?:[^'\\]|\\.)*')|([A-Za-z_][A-Za-z0-9_.]*)|(\d+(?:\.\d+)?)|(!=|<=|>=|[=<>(),]))/y;

function tokenize(text: string): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m) throw new SoqlError('MALFORMED_QUERY', `unexpected token at ${i}`);
    const kind = m[1] ? 'dt' : m[2] ? 'str' : m[3] ? 'id' : m[4] ? 'num' : 'punct';
    out.push({ kind, text: (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]) as string });
    i = TOKEN.lastIndex;
  }
  return out;
}

function unescapeSoql(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };
    if (!(c in map)) throw new SoqlError('MALFORMED_QUERY', `invalid escape \\${c}`);
    return map[c] as string;
  });
}

function parse(soql: string): Query {
  const tokens = tokenize(soql);
  let p = 0;
  const peek = () => tokens[p];
  const kw = (word: string) => peek()?.kind === 'id' && peek()?.text.toUpperCase() === word;
  const expect = (word: string) => {
    if (!kw(word) && peek()?.text !== word) throw new SoqlError('MALFORMED_QUERY', `expected ${word}`);
    p++;
  };
  const ident = () => {
    const t = peek();
    if (t?.kind !== 'id') throw new SoqlError('MALFORMED_QUERY', 'expected a field name');
    p++;
    return t.text;
  };
  const value = (): Value => {
    const t = tokens[p++];
    if (!t) throw new SoqlError('MALFORMED_QUERY', 'expected a value');
    if (t.kind === 'str') return unescapeSoql(t.text);
    if (t.kind === 'dt') return { dt: Date.parse(t.text) };
    if (t.kind === 'num') return Number(t.text);
    if (t.kind === 'id' && /^(null|true|false)$/i.test(t.text))
      return t.text.toLowerCase() === 'null' ? null : t.text.toLowerCase() === 'true';
    throw new SoqlError('MALFORMED_QUERY', `unexpected ${t.text}`);
  };
  const factor = (): Expr => {
    if (peek()?.text === '(') {
      p++;
      const e = expr();
      expect(')');
      return e;
    }
    const field = ident();
    if (kw('IN')) {
      p++;
      expect('(');
      const values = [value()];
      while (peek()?.text === ',') {
        p++;
        values.push(value());
      }
      expect(')');
      return { op: 'in', field, values };
    }
    const cmp = tokens[p++]?.text ?? '';
    if (!['=', '!=', '<', '<=', '>', '>='].includes(cmp)) throw new SoqlError('MALFORMED_QUERY', `unexpected ${cmp}`);
    return { op: 'cmp', field, cmp, value: value() };
  };
  const term = (): Expr => {
    let left = factor();
    while (kw('AND')) {
      p++;
      left = { op: 'and', left, right: factor() };
    }
    return left;
  };
  const expr = (): Expr => {
    let left = term();
    while (kw('OR')) {
      p++;
      left = { op: 'or', left, right: term() };
    }
    return left;
  };
  expect('SELECT');
  const fields = [ident()];
  while (peek()?.text === ',') {
    p++;
    fields.push(ident());
  }
  expect('FROM');
  const object = ident();
  if (!(object in FIELDS)) throw new SoqlError('INVALID_TYPE', `sObject type '${object}' is not supported.`);
  const q: Query = { fields, object: object as keyof SfTables, orderBy: [] };
  if (kw('WHERE')) {
    p++;
    q.where = expr();
  }
  if (kw('ORDER')) {
    p++;
    expect('BY');
    q.orderBy.push(ident());
    while (peek()?.text === ',') {
      p++;
      q.orderBy.push(ident());
    }
  }
  if (kw('LIMIT')) {
    p++;
    q.limit = Number(tokens[p++]?.text);
  }
  if (p !== tokens.length) throw new SoqlError('MALFORMED_QUERY', `unexpected ${tokens[p]?.text}`);
  for (const f of [...q.fields, ...q.orderBy]) checkField(q.object, f);
  return q;
}

function checkField(object: keyof SfTables, field: string): void {
  const [head, rest] = field.split('.', 2) as [string, string | undefined];
  if (rest !== undefined) {
    const rel = RELATIONS[object]?.[head];
    if (!rel) throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${head}' in field path.`);
    checkField(rel[1], rest);
    return;
  }
  if (!FIELDS[object].includes(field))
    throw new SoqlError('INVALID_FIELD', `No such column '${field}' on entity '${object}'.`);
}

export interface FakeSalesforceOptions {
  tables: SfTables;
  token: string;
  /** Records per query batch (Salesforce: 2,000 by default). */
  batchSize?: number;
  apiVersion?: string;
  now?: () => number;
}

/**
 * @name startFakeSalesforce
 * @category Testing
 * @summary A fake Salesforce org on a free 127.0.0.1 port, speaking the documented REST shapes.
 *
 * @example
 * const org = await startFakeSalesforce({ tables: toSalesforceRecords(data, defaultSalesforceMapping, 'UTC'), token: 't' })
 */
export async function startFakeSalesforce(options: FakeSalesforceOptions): Promise<FakeSalesforce> {
  const tables = options.tables;
  const batchSize = options.batchSize ?? 2000;
  const version = options.apiVersion ?? 'v62.0';
  const now = options.now ?? Date.now;
  const locators = new Map<string, Record<string, unknown>[]>();
  let locatorSeq = 0;

  const resolve = (object: keyof SfTables, row: Record<string, unknown>, field: string): unknown => {
    const [head, rest] = field.split('.', 2) as [string, string | undefined];
    if (rest === undefined) return row[field] ?? null;
    const [fk, target] = (RELATIONS[object] as Record<string, [string, keyof SfTables]>)[head] as [
      string,
      keyof SfTables,
    ];
    const other = tables[target].find((r) => r.Id === row[fk]);
    return other ? resolve(target, other, rest) : null;
  };
  const cmpValues = (a: unknown, b: Value): number | null => {
    if (b === null || a === null || a === undefined) return a === b || (a === undefined && b === null) ? 0 : null;
    if (typeof b === 'object') {
      const ms = Date.parse(String(a).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
      return ms < b.dt ? -1 : ms > b.dt ? 1 : 0;
    }
    const x = a as string | number | boolean;
    return x < b ? -1 : x > b ? 1 : 0;
  };
  const test = (object: keyof SfTables, row: Record<string, unknown>, e: Expr): boolean => {
    if (e.op === 'and' || e.op === 'or')
      return e.op === 'and'
        ? test(object, row, e.left) && test(object, row, e.right)
        : test(object, row, e.left) || test(object, row, e.right);
    const v = resolve(object, row, e.field);
    if (e.op === 'in') return e.values.some((x) => cmpValues(v, x) === 0);
    const c = cmpValues(v, e.value);
    if (e.cmp === '!=') return c !== 0;
    if (c === null) return false;
    return ({ '=': c === 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 } as Record<string, boolean>)[
      e.cmp
    ] as boolean;
  };
  const shape = (object: keyof SfTables, row: Record<string, unknown>, fields: string[]) => {
    const out: Record<string, unknown> = {
      attributes: { type: object, url: `/services/data/${version}/sobjects/${object}/${String(row.Id)}` },
    };
    for (const f of fields) {
      const [head, rest] = f.split('.', 2) as [string, string | undefined];
      if (rest === undefined) out[f] = row[f] ?? null;
      else {
        const [fk, target] = (RELATIONS[object] as Record<string, [string, keyof SfTables]>)[head] as [
          string,
          keyof SfTables,
        ];
        const other = tables[target].find((r) => r.Id === row[fk]);
        if (!other) out[head] = null;
        else {
          const nested = (out[head] as Record<string, unknown> | undefined) ?? {
            attributes: { type: target, url: `/services/data/${version}/sobjects/${target}/${String(other.Id)}` },
          };
          nested[rest] = other[rest] ?? null;
          out[head] = nested;
        }
      }
    }
    return out;
  };
  const run = (soql: string) => {
    const q = parse(soql);
    let rows = tables[q.object].filter((r) => (q.where ? test(q.object, r, q.where) : true));
    if (q.orderBy.length > 0)
      rows = [...rows].sort((a, b) => {
        for (const f of q.orderBy) {
          const x = resolve(q.object, a, f) as string;
          const y = resolve(q.object, b, f) as string;
          if (x !== y) return x < y ? -1 : 1;
        }
        return 0;
      });
    if (q.limit !== undefined) rows = rows.slice(0, q.limit);
    // The locator holds a snapshot: rows are copied now, as Salesforce's cursor does.
    return rows.map((r) => shape(q.object, r, q.fields));
  };
  const batch = (all: Record<string, unknown>[], offset: number, locator: string | null) => {
    const records = all.slice(offset, offset + batchSize);
    const done = offset + batchSize >= all.length;
    return {
      totalSize: all.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${locator}-${offset + batchSize}` }),
      records,
    };
  };

  const fake: FakeSalesforce = {
    url: '',
    tables,
    requests: [],
    patches: [],
    faults: [],
    down: false,
    hold: (match) => new Promise<SeenSfRequest>((resolve) => holds.push({ match, resolve })),
    close: async () => {},
  };
  const holds: { match: (method: string, url: string) => boolean; resolve: (seen: SeenSfRequest) => void }[] = [];
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
  const errors = (errorCode: string, message: string, fields: string[] = []) => [{ message, errorCode, fields }];

  const handle = (req: IncomingMessage, res: ServerResponse, seen: SeenSfRequest) => {
    const url = new URL(seen.url, 'http://x');
    if (url.pathname === `/services/data/${version}/query`) seen.soql = url.searchParams.get('q') ?? '';
    const faultAt = fake.faults.findIndex((f) => !f.match || f.match(seen.method, seen.url));
    if (faultAt >= 0) {
      const fault = fake.faults.splice(faultAt, 1)[0] as FakeFault;
      if (fault.truncate) {
        const text = JSON.stringify({ totalSize: 1, done: true, records: [{ attributes: { type: 'Lead' }, Id: 'x' }] });
        const cut = text.slice(0, Math.floor(text.length / 2));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(cut)) });
        res.end(cut);
        return;
      }
      send(res, fault.status ?? 500, fault.body, fault.headers);
      return;
    }
    if (fake.down) {
      send(res, 503, errors('SERVER_UNAVAILABLE', 'Server temporarily unavailable'));
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      send(res, 401, errors('INVALID_SESSION_ID', 'Session expired or invalid'));
      return;
    }
    try {
      if (seen.method === 'GET' && seen.soql !== undefined) {
        const all = run(seen.soql);
        const locator = `01gFAKE${String(++locatorSeq).padStart(8, '0')}`;
        locators.set(locator, all);
        send(res, 200, batch(all, 0, locator));
        return;
      }
      const more = new RegExp(`^/services/data/${version.replace('.', '\\.')}/query/(01g[A-Z0-9]+)-(\\d+)$`).exec(
        url.pathname,
      );
      if (seen.method === 'GET' && more) {
        fake.beforeLocatorPage?.();
        const all = locators.get(more[1] as string);
        if (!all) {
          send(res, 400, errors('INVALID_QUERY_LOCATOR', 'invalid query locator'));
          return;
        }
        send(res, 200, batch(all, Number(more[2]), more[1] as string));
        return;
      }
      const sobject = new RegExp(`^/services/data/${version.replace('.', '\\.')}/sobjects/Lead/([^/]+)$`).exec(
        url.pathname,
      );
      if (seen.method === 'PATCH' && sobject) {
        const id = decodeURIComponent(sobject[1] as string);
        const row = tables.Lead.find((r) => r.Id === id);
        if (!row) {
          send(res, 404, errors('NOT_FOUND', 'The requested resource does not exist'));
          return;
        }
        const body = JSON.parse(seen.body) as Record<string, unknown>;
        for (const field of Object.keys(body))
          if (!FIELDS.Lead.includes(field) || field === 'Id')
            throw new SoqlError('INVALID_FIELD', `No such column '${field}' on sobject of type Lead`);
        if (body.Status !== undefined && body.Status !== row.Status)
          tables.LeadHistory.push({
            Id: `017P${String(tables.LeadHistory.length + 1).padStart(8, '0')}`,
            LeadId: id,
            Field: 'Status',
            OldValue: row.Status,
            NewValue: body.Status,
            CreatedDate: sfDateTime(now()),
          });
        Object.assign(row, body, { LastModifiedDate: sfDateTime(now()) });
        const key = req.headers['idempotency-key'];
        fake.patches.push({ id, body, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) });
        send(res, 204, undefined);
        return;
      }
      send(res, 404, errors('NOT_FOUND', 'The requested resource does not exist'));
    } catch (error) {
      if (error instanceof SoqlError) send(res, 400, errors(error.errorCode, error.message));
      else send(res, 500, errors('UNKNOWN_EXCEPTION', 'An unexpected error occurred'));
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenSfRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      fake.requests.push(seen);
      const h = fake.down ? -1 : holds.findIndex((x) => x.match(seen.method, seen.url));
      const held = h >= 0 ? holds.splice(h, 1)[0] : undefined;
      handle(req, held ? sink : res, seen);
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
