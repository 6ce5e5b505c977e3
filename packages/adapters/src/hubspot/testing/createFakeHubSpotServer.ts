import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compareIds } from '../_hubspotRecords';
import type { HubSpotObject, HubSpotOwner, HubSpotPipeline } from '../hubspot.types';
import type { HubSpotSeed } from './toHubSpotObjects';

/** A fault the fake answers the next matching request with. */
export type FakeHubSpotFault =
  | { status: number; retryAfter?: string; body?: unknown }
  /** 200 with the body cut in the middle of the JSON. */
  | { truncate: true }
  /** The socket is closed without an answer. */
  | { drop: true };

/** One request as the fake received it. */
export interface FakeHubSpotRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A fake HubSpot portal on 127.0.0.1: its data, its log and its faults. */
export interface FakeHubSpotServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  token: string;
  /** Objects by type (`contacts`, `deals`, `companies`, `notes`), by id. */
  objects: Map<string, Map<string, HubSpotObject>>;
  /** `deals/contacts` → deal id → contact ids (both directions are answered). */
  associations: Map<string, Map<string, string[]>>;
  pipelines: HubSpotPipeline[];
  /** Owners answered by `GET /crm/v3/owners` (those with `archived: true` only with `archived=true`). */
  owners: HubSpotOwner[];
  requests: FakeHubSpotRequest[];
  /** Faults for the next requests whose `METHOD path` matches (a RegExp or prefix), in order. */
  fail(match: RegExp | string, ...faults: FakeHubSpotFault[]): void;
  /** While down, every request gets a 503 (or a dropped socket with `drop`). */
  setDown(down: boolean | 'drop'): void;
  /**
   * The next request whose `METHOD path` matches is applied but never answered (its socket stays open
   * until `close`), as when the caller dies mid-request; resolves with it once applied.
   */
  hold(match: RegExp | string): Promise<FakeHubSpotRequest>;
  /** Called before each request is answered (e.g. to change records between page calls). */
  onRequest?: (request: FakeHubSpotRequest) => void;
  /** Adds or replaces an object, with `lastmodifieddate` now unless the properties set it. */
  put(type: string, object: HubSpotObject): void;
  close(): Promise<void>;
}

const LIST_MAX = 100;
const SEARCH_MAX = 200;
const SEARCH_WINDOW = 10_000;
const OWNERS_MAX = 500;

/** HubSpot's default deal pipeline, with the documented `isClosed`/`probability` metadata. */
export const defaultDealPipeline: HubSpotPipeline = {
  id: 'default',
  label: 'Sales Pipeline',
  stages: [
    ['appointmentscheduled', 'Appointment Scheduled', 'false', '0.2'],
    ['qualifiedtobuy', 'Qualified To Buy', 'false', '0.4'],
    ['presentationscheduled', 'Presentation Scheduled', 'false', '0.6'],
    ['decisionmakerboughtin', 'Decision Maker Bought-In', 'false', '0.8'],
    ['contractsent', 'Contract Sent', 'false', '0.9'],
    ['closedwon', 'Closed Won', 'true', '1.0'],
    ['closedlost', 'Closed Lost', 'true', '0.0'],
  ].map(([id, label, isClosed, probability]) => ({
    id: id as string,
    label: label as string,
    metadata: { isClosed: isClosed as string, probability: probability as string },
  })),
};

function modifiedProperty(type: string): string {
  return type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

function comparable(value: string | null | undefined): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(ms) ? ms : value;
}

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
}

function matches(object: HubSpotObject, filter: Filter): boolean {
  if (filter.propertyName === 'hs_object_id') {
    const c = compareIds(object.id, String(filter.value));
    switch (filter.operator) {
      case 'EQ':
        return c === 0;
      case 'GT':
        return c > 0;
      case 'GTE':
        return c >= 0;
      case 'LT':
        return c < 0;
      case 'LTE':
        return c <= 0;
      default:
        throw new Error(`operator ${filter.operator}`);
    }
  }
  const raw = object.properties[filter.propertyName];
  if (filter.operator === 'HAS_PROPERTY') return raw !== null && raw !== undefined && raw !== '';
  const a = comparable(raw);
  const b = comparable(filter.value);
  if (a === undefined || b === undefined) return false;
  switch (filter.operator) {
    case 'EQ':
      return a === b;
    case 'NEQ':
      return a !== b;
    case 'GT':
      return a > b;
    case 'GTE':
      return a >= b;
    case 'LT':
      return a < b;
    case 'LTE':
      return a <= b;
    default:
      throw new Error(`operator ${filter.operator}`);
  }
}

function pick(object: HubSpotObject, names: readonly string[] | undefined, type: string): HubSpotObject {
  const properties: Record<string, string | null> = {
    createdate: object.properties.createdate ?? null,
    [modifiedProperty(type)]: object.properties[modifiedProperty(type)] ?? null,
    hs_object_id: object.id,
  };
  for (const name of names ?? []) if (name in object.properties) properties[name] = object.properties[name] ?? null;
  return { id: object.id, properties, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: false };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

/**
 * @name createFakeHubSpotServer
 * @category Adapters
 * @summary A local HubSpot CRM v3 (node:http on 127.0.0.1) for tests: documented shapes, injectable faults.
 *
 * @description
 * Answers `GET /crm/v3/objects/{type}` (id order, `after` paging, at most 100 a page), `POST
 * /crm/v3/objects/{type}/search` (filters EQ/NEQ/GT/GTE/LT/LTE/HAS_PROPERTY, one sort, at most 200 a page,
 * 10,000 results a query), `PATCH /crm/v3/objects/{type}/{id}`, `POST /crm/v3/objects/{type}` (honours
 * `Idempotency-Key`), `GET /crm/v3/pipelines/deals`, `GET /crm/v3/owners` (`after` paging, `archived`,
 * `email`), `POST /crm/v4/associations/{from}/{to}/batch/read`,
 * with HubSpot's error JSON (`status`, `message`, `correlationId`, `category`) and bearer-token checks.
 *
 * @example
 * const hub = await createFakeHubSpotServer(toHubSpotObjects(sample))
 * const adapter = createHubSpotAdapter({ token: hub.token, baseUrl: hub.baseUrl })
 */
export async function createFakeHubSpotServer(
  seed: Partial<HubSpotSeed> = {},
  options: { token?: string } = {},
): Promise<FakeHubSpotServer> {
  const token = options.token ?? `pat-na1-${randomUUID()}`;
  const objects = new Map<string, Map<string, HubSpotObject>>(
    ['contacts', 'deals', 'companies', 'notes'].map((t) => [t, new Map()]),
  );
  for (const c of seed.contacts ?? []) objects.get('contacts')?.set(c.id, structuredClone(c));
  for (const d of seed.deals ?? []) objects.get('deals')?.set(d.id, structuredClone(d));
  const associations = new Map<string, Map<string, string[]>>([
    ['deals/contacts', new Map(Object.entries(seed.dealContacts ?? {}))],
    ['deals/companies', new Map(Object.entries(seed.dealCompanies ?? {}))],
  ]);
  const faults: { match: RegExp | string; fault: FakeHubSpotFault }[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const holds: { match: RegExp | string; resolve: (request: FakeHubSpotRequest) => void }[] = [];
  let down: boolean | 'drop' = false;
  // Where a held request's answer goes: nowhere.
  const sink = {
    writeHead: () => sink,
    setHeader: () => sink,
    end: () => sink,
  } as unknown as ServerResponse;
  const matchLine = (match: RegExp | string, line: string) =>
    typeof match === 'string' ? line.startsWith(match) : match.test(line);

  const error = (
    res: ServerResponse,
    status: number,
    category: string,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
    res.end(JSON.stringify({ status: 'error', message, correlationId: randomUUID(), category }));
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const table = (type: string) => {
    const t = objects.get(type);
    if (!t) throw Object.assign(new Error('unknown type'), { status: 404 });
    return t;
  };
  const sorted = (type: string) => [...table(type).values()].sort((a, b) => compareIds(a.id, b.id));

  const handle = (req: FakeHubSpotRequest, res: ServerResponse, raw: string) => {
    const { method, path, query } = req;
    const collection = /^\/crm\/v3\/objects\/(\w+)$/.exec(path);
    const search = /^\/crm\/v3\/objects\/(\w+)\/search$/.exec(path);
    const single = /^\/crm\/v3\/objects\/(\w+)\/([^/]+)$/.exec(path);
    const batch = /^\/crm\/v4\/associations\/(\w+)\/(\w+)\/batch\/read$/.exec(path);
    let m: RegExpExecArray | null = null;
    if (method === 'GET' && path === '/crm/v3/pipelines/deals') return json(res, 200, { results: server.pipelines });
    if (method === 'GET' && path === '/crm/v3/owners') {
      const limit = Number(query.get('limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > OWNERS_MAX)
        return error(res, 400, 'VALIDATION_ERROR', `limit must be between 1 and ${OWNERS_MAX}`);
      const archived = query.get('archived') === 'true';
      const email = query.get('email')?.toLowerCase();
      const after = Number(query.get('after') ?? 0);
      if (!Number.isInteger(after) || after < 0) return error(res, 400, 'VALIDATION_ERROR', 'invalid after');
      const rows = server.owners.filter(
        (o) => (o.archived ?? false) === archived && (email === undefined || o.email?.toLowerCase() === email),
      );
      const page = rows.slice(after, after + limit);
      const next = String(after + limit);
      return json(res, 200, {
        results: page,
        ...(rows.length > after + limit ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}),
      });
    }
    if (collection && method === 'GET') {
      m = collection;
      const type = m[1] as string;
      const limit = Number(query.get('limit') ?? 10);
      if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX)
        return error(res, 400, 'VALIDATION_ERROR', `limit must be between 1 and ${LIST_MAX}`);
      const after = query.get('after');
      const props = query.get('properties')?.split(',');
      let rows = sorted(type);
      if (after) {
        let last: string;
        try {
          last = unb64(after);
        } catch {
          return error(res, 400, 'VALIDATION_ERROR', 'invalid after');
        }
        rows = rows.filter((r) => compareIds(r.id, last) > 0);
      }
      const page = rows.slice(0, limit);
      const more = rows.length > limit;
      const next = b64((page.at(-1) as HubSpotObject | undefined)?.id ?? '');
      return json(res, 200, {
        results: page.map((o) => pick(o, props, type)),
        ...(more ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}),
      });
    }
    if (search && method === 'POST') {
      m = search;
      const type = m[1] as string;
      const body = req.body as {
        filterGroups?: { filters: Filter[] }[];
        sorts?: (string | { propertyName: string; direction?: string })[];
        properties?: string[];
        limit?: number;
        after?: string | number;
      };
      const limit = body.limit ?? 10;
      if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX)
        return error(res, 400, 'VALIDATION_ERROR', `limit must be between 1 and ${SEARCH_MAX}`);
      const offset = Number(body.after ?? 0);
      if (offset + limit > SEARCH_WINDOW)
        return error(res, 400, 'VALIDATION_ERROR', 'Search results are limited to 10,000: narrow the query');
      if ((body.sorts?.length ?? 0) > 1) return error(res, 400, 'VALIDATION_ERROR', 'only one sort is supported');
      const groups = body.filterGroups ?? [];
      let rows = sorted(type).filter(
        (o) => groups.length === 0 || groups.some((g) => g.filters.every((f) => matches(o, f))),
      );
      const sort = body.sorts?.[0];
      if (sort !== undefined) {
        const s =
          typeof sort === 'string'
            ? { propertyName: sort.replace(/^-/, ''), direction: sort.startsWith('-') ? 'DESCENDING' : 'ASCENDING' }
            : sort;
        const dir = s.direction === 'DESCENDING' ? -1 : 1;
        rows = [...rows].sort((a, b) => {
          if (s.propertyName === 'hs_object_id') return dir * compareIds(a.id, b.id);
          const x = comparable(a.properties[s.propertyName]) ?? '';
          const y = comparable(b.properties[s.propertyName]) ?? '';
          return x < y ? -dir : x > y ? dir : 0;
        });
      }
      const page = rows.slice(offset, offset + limit);
      const more = rows.length > offset + limit;
      return json(res, 200, {
        total: rows.length,
        results: page.map((o) => pick(o, body.properties, type)),
        ...(more ? { paging: { next: { after: String(offset + limit), link: `?after=${offset + limit}` } } } : {}),
      });
    }
    if (single && method === 'PATCH') {
      m = single;
      const [, type, id] = m as unknown as [string, string, string];
      const object = table(type).get(decodeURIComponent(id));
      if (!object) return error(res, 404, 'OBJECT_NOT_FOUND', 'resource not found');
      const properties = (req.body as { properties?: Record<string, string> }).properties ?? {};
      const now = new Date().toISOString();
      object.properties = { ...object.properties, ...properties, [modifiedProperty(type)]: now };
      object.updatedAt = now;
      return json(res, 200, pick(object, Object.keys(object.properties), type));
    }
    if (collection && method === 'POST') {
      m = collection;
      const type = m[1] as string;
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string' && idempotent.has(`${type}:${key}`)) {
        const prior = idempotent.get(`${type}:${key}`) as { status: number; body: unknown };
        return json(res, prior.status, prior.body);
      }
      const body = req.body as { properties?: Record<string, string>; associations?: { to: { id: string } }[] };
      for (const a of body.associations ?? [])
        if (!objects.get('contacts')?.has(String(a.to?.id)))
          return error(res, 400, 'VALIDATION_ERROR', 'association target not found');
      const now = new Date().toISOString();
      const id = String(100_000 + table(type).size);
      const object: HubSpotObject = {
        id,
        properties: { ...body.properties, createdate: now, [modifiedProperty(type)]: now },
        createdAt: now,
        updatedAt: now,
        archived: false,
      };
      table(type).set(id, object);
      if (type === 'notes')
        for (const a of body.associations ?? []) {
          const links = associations.get('notes/contacts') ?? new Map<string, string[]>();
          links.set(id, [...(links.get(id) ?? []), String(a.to.id)]);
          associations.set('notes/contacts', links);
        }
      const answer = { status: 201, body: pick(object, Object.keys(object.properties), type) };
      if (typeof key === 'string') idempotent.set(`${type}:${key}`, answer);
      return json(res, answer.status, answer.body);
    }
    if (batch && method === 'POST') {
      m = batch;
      const [, from, to] = m as unknown as [string, string, string];
      const forward = associations.get(`${from}/${to}`);
      const backward = associations.get(`${to}/${from}`);
      const inputs = (req.body as { inputs?: { id: string }[] }).inputs ?? [];
      const results = [];
      for (const { id } of inputs) {
        const ids = new Set<string>(forward?.get(String(id)) ?? []);
        if (backward) for (const [other, list] of backward) if (list.includes(String(id))) ids.add(other);
        if (ids.size === 0) continue;
        results.push({
          from: { id: String(id) },
          to: [...ids].map((toId) => ({
            toObjectId: /^\d{1,15}$/.test(toId) ? Number(toId) : toId,
            associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
          })),
        });
      }
      return json(res, 200, {
        status: 'COMPLETE',
        results,
        startedAt: new Date().toISOString(),
        completedAt: new Date().toISOString(),
      });
    }
    void raw;
    return error(res, 404, 'OBJECT_NOT_FOUND', `no route ${method} ${path}`);
  };

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        return error(res, 400, 'VALIDATION_ERROR', 'Invalid JSON');
      }
      const request: FakeHubSpotRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      server.requests.push(request);
      if (down === 'drop') return req.socket.destroy();
      if (down) return error(res, 503, 'SERVICE_UNAVAILABLE', 'HubSpot is down for maintenance');
      if (req.headers.authorization !== `Bearer ${token}`)
        return error(
          res,
          401,
          'INVALID_AUTHENTICATION',
          'Authentication credentials not found. This API supports OAuth 2.0 and private app access tokens.',
        );
      const line = `${request.method} ${request.path}`;
      const i = faults.findIndex((f) => matchLine(f.match, line));
      if (i >= 0) {
        const { fault } = faults.splice(i, 1)[0] as { fault: FakeHubSpotFault };
        if ('drop' in fault) return req.socket.destroy();
        if ('truncate' in fault) {
          res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
          return res.end('{"results":[{"id":"1","properties":{"email"');
        }
        res.writeHead(fault.status, {
          'content-type': 'application/json;charset=utf-8',
          ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}),
        });
        return res.end(
          JSON.stringify(
            fault.body ?? {
              status: 'error',
              message: fault.status === 429 ? 'You have reached your secondly limit.' : 'internal error',
              correlationId: randomUUID(),
              category: fault.status === 429 ? 'RATE_LIMITS' : 'INTERNAL_ERROR',
              ...(fault.status === 429 ? { errorType: 'RATE_LIMIT', policyName: 'SECONDLY' } : {}),
            },
          ),
        );
      }
      server.onRequest?.(request);
      const h = holds.findIndex((x) => matchLine(x.match, line));
      const held = h >= 0 ? holds.splice(h, 1)[0] : undefined;
      const out = held ? sink : res;
      try {
        handle(request, out, raw);
      } catch (e) {
        const status = (e as { status?: number }).status ?? 500;
        error(out, status, status === 404 ? 'OBJECT_NOT_FOUND' : 'INTERNAL_ERROR', (e as Error).message);
      }
      held?.resolve(request);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;

  const server: FakeHubSpotServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    objects,
    associations,
    pipelines: [structuredClone(defaultDealPipeline)],
    owners: [],
    requests: [],
    fail(match, ...list) {
      for (const fault of list) faults.push({ match, fault });
    },
    setDown(value) {
      down = value;
    },
    hold: (match) => new Promise<FakeHubSpotRequest>((resolve) => holds.push({ match, resolve })),
    put(type, object) {
      const now = new Date().toISOString();
      const properties = { [modifiedProperty(type)]: now, ...object.properties };
      table(type).set(object.id, { ...object, properties });
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  return server;
}
