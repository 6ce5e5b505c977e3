import {
  type AccordIssue,
  type Agreement,
  defaultAgreement,
  type Lead,
  type LeadDisposition,
  LeadDispositionSchema,
  type Opportunity,
  toInstantMs,
  validateRecords,
} from '@accord/core';
import { decodeCursor, encodeCursor, listMethods, pageLimit, updatedSince } from '../contract/_paging';
import { AdapterError } from '../contract/AdapterError';
import type {
  AdapterCapabilities,
  ListedRecords,
  ListKind,
  ListOptions,
  Page,
  RevenueAdapter,
} from '../contract/adapter.types';
import { createCrmHttpClient } from '../crm/createCrmHttpClient';
import type { CrmHttpClient, CrmHttpOptions, OutboxFlushResult, OutboxMessage, OutboxStore } from '../crm/crm.types';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import { createOutbox } from '../crm/outbox/createOutbox';
import {
  compareIds,
  contactProperties,
  contactToLead,
  type DealStageState,
  dealProperties,
  dealStageStates,
  dealToOpportunity,
  mappingIssues,
  resolveMapping,
} from './_hubspotRecords';
import type {
  HubSpotCollection,
  HubSpotMappingInput,
  HubSpotObject,
  HubSpotOwner,
  HubSpotPipeline,
} from './hubspot.types';

/** Options for {@link createHubSpotAdapter}. */
export interface HubSpotAdapterOptions
  extends Pick<
    CrmHttpOptions,
    'fetch' | 'timeoutMs' | 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'random' | 'now'
  > {
  /** A private app access token (or OAuth access token) with the CRM scopes. */
  token: string;
  /** API origin (default `https://api.hubapi.com`); https only, http only on loopback (tests). */
  baseUrl?: string;
  /** HubSpot values → the agreement's stages and fields; merged over {@link defaultHubSpotMapping}. */
  mapping?: HubSpotMappingInput;
  /** The agreement the mapping is checked against (default: the default agreement). */
  agreement?: Agreement;
  /** Where write-backs wait until HubSpot took them (default: in memory; pass a DuckDB store to survive restarts). */
  outbox?: OutboxStore;
  /** Client-side burst limit (default 100 requests per 10 s, HubSpot's private-app burst limit). */
  rateLimit?: { requests: number; perMs: number };
  /** Currency of deals without `deal_currency_code` (your portal's company currency); without it such deals are invalid records. */
  defaultCurrency?: string;
  /** `error` (default): a deal without an amount is an invalid record; `zero`: it counts as 0. */
  missingAmount?: 'error' | 'zero';
  /** Delay before an outbox message is retried, by attempt (default 1 s doubling to 5 min). */
  outboxDelayMs?: (attempts: number) => number;
  /**
   * What a lead's `ownerId` holds: `hubspot` (default) the HubSpot owner id of `hubspot_owner_id`; `email`
   * the owner's email, looked up in `GET /crm/v3/owners` (archived owners too). With `email`,
   * `assignOwner` takes an email as well, and an owner id that HubSpot does not know (or an owner without
   * an email) is an `invalid_record` naming the contact.
   */
  ownerIds?: 'hubspot' | 'email';
  /** Adapter name in errors (default `hubspot`). */
  name?: string;
}

/** What one `flushOutbox` did (the shared outbox's flush result). */
export type HubSpotFlushResult = OutboxFlushResult;

/** The HubSpot adapter: the contract plus its outbox. */
export interface HubSpotAdapter extends RevenueAdapter {
  writeDisposition(leadId: string, disposition: LeadDisposition): Promise<void>;
  assignOwner(leadId: string, ownerId: string): Promise<void>;
  /** Delivers the write-backs that are due (oldest first); call it on a timer or when HubSpot is back. */
  flushOutbox(): Promise<HubSpotFlushResult>;
  /** Write-backs not yet delivered (and not dead). */
  pendingWrites(): Promise<OutboxMessage[]>;
  /** The portal's active owners (`GET /crm/v3/owners`, every page). */
  listOwners(): Promise<HubSpotOwner[]>;
}

const LIST_PAGE_MAX = 100;
const SEARCH_PAGE_MAX = 200;
const BATCH_MAX = 100;
const OWNERS_PAGE = 100;
/** HubSpot's association type of a note to a contact. */
const NOTE_TO_CONTACT = 202;
const PERMANENT = new Set(['invalid_record', 'invalid_option', 'not_found']);
const TRANSIENT = new Set(['unavailable', 'timeout', 'rate_limited']);

interface CursorState {
  /** HubSpot's `paging.next.after` of the list endpoint. */
  t: string | null;
  /** The last id sent. */
  id: string | null;
}

interface DispositionPayload {
  leadId: string;
  properties: Record<string, string>;
  note: { body: string; timestamp: string };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * @name createHubSpotAdapter
 * @category Adapters
 * @summary Leads and opportunities from HubSpot CRM v3 (contacts and deals), with dispositions and owners written back through an outbox.
 *
 * @description
 * Reads contacts as leads and deals as opportunities through the mapping (lifecycle stages, lead
 * statuses, `hs_lifecyclestage_<stage>_date` properties → `stageDates`; `dealstage` by the pipelines'
 * `isClosed`/`probability`; `amount` parsed from its decimal text into minor units without floats;
 * associations v4 → `leadIds` and `accountId`). Pages follow the id order: without `updatedSince` the
 * list endpoint with HubSpot's `after`, with it the search API filtered on `lastmodifieddate >= since` and
 * `hs_object_id > last id`, sorted by id, so each query starts at offset 0 and the search's
 * 10,000-result window is never reached. A record changed or added between page calls is never sent
 * twice nor skipped (it keeps its id); an answer out of id order fails `unavailable`.
 *
 * `writeDisposition` sets `hs_lead_status` (per mapping) and the disposition properties, and adds a
 * note associated with the contact. It is enqueued in the outbox and delivered at once: it resolves once
 * HubSpot took it, or — when HubSpot is down, slow or rate-limiting — once it is safely queued;
 * `flushOutbox()` delivers it later (exactly once: the note carries the idempotency key in
 * `noteKeyProperty`, searched before creating, and the requests send `Idempotency-Key`). A contact that
 * does not exist rejects with `not_found`. `assignOwner` goes the same way (`hubspot_owner_id`).
 * Delivery is the shared outbox's (`createOutbox`): `flushOutbox` and `pendingWrites` are its `flush`
 * and `pending`, restricted to this adapter's messages when a store is shared.
 * Owners: `listOwners()` pages `GET /crm/v3/owners` with `after`; with `ownerIds: 'email'` a lead's
 * `ownerId` is its owner's email instead of the HubSpot owner id.
 * Activities, touchpoints and spend are not read (`capabilities.lists` says so).
 *
 * @example
 * const hubspot = createHubSpotAdapter({ token: process.env.HUBSPOT_TOKEN, outbox: await createDuckDbOutboxStore({ path: 'outbox.duckdb' }) })
 * const { records, nextCursor } = await hubspot.listLeads({ updatedSince: '2026-07-01T00:00:00Z' })
 * await hubspot.writeDisposition('512', { reasonId: 'no_timing', at: Date.now(), by: 'rep_ava' })
 */
export function createHubSpotAdapter(options: HubSpotAdapterOptions): HubSpotAdapter {
  const name = options?.name ?? 'hubspot';
  if (options === null || typeof options !== 'object')
    throw new AdapterError(name, 'invalid_config', 'Options are required: at least { token }.');
  const agreement = options.agreement ?? (defaultAgreement as Agreement);
  const mapping = resolveMapping(options.mapping);
  const configIssues = mappingIssues(mapping, agreement);
  if (configIssues.length > 0)
    throw new AdapterError(
      name,
      'invalid_config',
      `the mapping does not fit the agreement (${configIssues.length} issue(s))`,
      {
        issues: configIssues,
      },
    );
  if (options.missingAmount !== undefined && options.missingAmount !== 'error' && options.missingAmount !== 'zero')
    throw new AdapterError(name, 'invalid_config', 'missingAmount must be "error" or "zero"');
  const ownerIds = options.ownerIds ?? 'hubspot';
  if (ownerIds !== 'hubspot' && ownerIds !== 'email')
    throw new AdapterError(name, 'invalid_config', 'ownerIds must be "hubspot" or "email"');
  const http: CrmHttpClient = createCrmHttpClient({
    adapter: name,
    baseUrl: options.baseUrl ?? 'https://api.hubapi.com',
    token: options.token,
    rateLimit: options.rateLimit ?? { requests: 100, perMs: 10_000 },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.baseDelayMs !== undefined ? { baseDelayMs: options.baseDelayMs } : {}),
    ...(options.maxDelayMs !== undefined ? { maxDelayMs: options.maxDelayMs } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const store = options.outbox ?? createMemoryOutboxStore();
  const now = options.now ?? Date.now;
  const contactProps = contactProperties(mapping);
  const dealProps = dealProperties(mapping);
  let stageStates: Map<string, DealStageState> | undefined;

  const fail = (code: 'unavailable' | 'invalid_record', message: string, issues?: readonly AccordIssue[]) =>
    new AdapterError(name, code, message, issues ? { issues } : {});

  const readState = (kind: ListKind, cursor: ListOptions['cursor'], since: number): CursorState => {
    const raw = decodeCursor(name, kind, cursor, since);
    if (raw === null) return { t: null, id: null };
    try {
      const state = JSON.parse(raw) as CursorState;
      if ((state.t === null || typeof state.t === 'string') && typeof state.id === 'string') return state;
    } catch {
      // fall through
    }
    throw new AdapterError(
      name,
      'invalid_cursor',
      `the cursor does not continue a ${kind} listing; start again without one`,
    );
  };

  /** Objects of a type in id order after the cursor, at most `limit`, plus whether more follow. */
  async function fetchObjects(
    type: 'contacts' | 'deals',
    properties: readonly string[],
    limit: number,
    since: number,
    state: CursorState,
  ): Promise<{ objects: HubSpotObject[]; state: CursorState; more: boolean }> {
    const objects: HubSpotObject[] = [];
    let { t: after, id: lastId } = state;
    let more = true;
    while (objects.length < limit && more) {
      const want = limit - objects.length;
      let page: HubSpotCollection;
      let asked: number;
      if (Number.isNaN(since)) {
        asked = Math.min(LIST_PAGE_MAX, want);
        page = await http.request<HubSpotCollection>({
          method: 'GET',
          path: `/crm/v3/objects/${type}`,
          query: { limit: asked, properties: properties.join(','), archived: false, ...(after ? { after } : {}) },
        });
      } else {
        asked = Math.min(SEARCH_PAGE_MAX, want);
        const filters = [
          {
            propertyName: type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate',
            operator: 'GTE',
            value: String(since),
          },
          ...(lastId === null ? [] : [{ propertyName: 'hs_object_id', operator: 'GT', value: lastId }]),
        ];
        page = await http.request<HubSpotCollection>({
          method: 'POST',
          path: `/crm/v3/objects/${type}/search`,
          body: {
            filterGroups: [{ filters }],
            sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
            properties,
            limit: asked,
          },
          badRequestCode: 'invalid_option',
        });
      }
      if (page === null || typeof page !== 'object' || !Array.isArray(page.results))
        throw fail('unavailable', `HubSpot answered a ${type} page without a results array`);
      let previous: string | null = null;
      for (const object of page.results) {
        if (
          object === null ||
          typeof object !== 'object' ||
          typeof object.id !== 'string' ||
          object.properties === null ||
          typeof object.properties !== 'object'
        )
          throw fail('unavailable', `HubSpot answered a ${type} page with an object without id or properties`);
        if (previous !== null && compareIds(object.id, previous) <= 0)
          throw fail('unavailable', `HubSpot answered ${type} out of id order; list again from the start`);
        previous = object.id;
        // Already sent (the list moved under us): skipped, never sent twice.
        if (lastId !== null && compareIds(object.id, lastId) <= 0) continue;
        objects.push(object);
        lastId = object.id;
      }
      after = page.paging?.next?.after ?? null;
      more = Number.isNaN(since) ? after !== null : page.results.length === asked && page.paging?.next !== undefined;
      if (more && page.results.length === 0)
        throw fail('unavailable', `HubSpot answered an empty ${type} page that says more follow`);
    }
    return { objects, state: { t: after, id: lastId }, more };
  }

  async function associated(
    from: 'deals',
    to: 'contacts' | 'companies',
    ids: readonly string[],
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += BATCH_MAX) {
      const answer = await http.request<{ results?: { from?: { id?: unknown }; to?: { toObjectId?: unknown }[] }[] }>({
        method: 'POST',
        path: `/crm/v4/associations/${from}/${to}/batch/read`,
        body: { inputs: ids.slice(i, i + BATCH_MAX).map((id) => ({ id })) },
        badRequestCode: 'invalid_option',
      });
      if (answer === null || typeof answer !== 'object' || !Array.isArray(answer.results))
        throw fail('unavailable', `HubSpot answered the ${from}→${to} associations without results`);
      for (const r of answer.results) {
        const id = String(r.from?.id ?? '');
        const targets = (r.to ?? []).map((t) => String(t.toObjectId)).sort(compareIds);
        out.set(id, [...new Set([...(out.get(id) ?? []), ...targets])].sort(compareIds));
      }
    }
    return out;
  }

  async function states(deals: readonly HubSpotObject[]): Promise<Map<string, DealStageState>> {
    const unknown = deals.some((d) => {
      const stage = d.properties.dealstage;
      return (
        typeof stage === 'string' && stage !== '' && !stageStates?.has(stage) && mapping.dealstage[stage] === undefined
      );
    });
    if (stageStates === undefined || unknown) {
      const answer = await http.request<{ results?: HubSpotPipeline[] }>({
        method: 'GET',
        path: '/crm/v3/pipelines/deals',
      });
      if (answer === null || typeof answer !== 'object' || !Array.isArray(answer.results))
        throw fail('unavailable', 'HubSpot answered the deal pipelines without results');
      stageStates = dealStageStates(answer.results);
    }
    return stageStates;
  }

  /** Every owner on every page of `GET /crm/v3/owners` (active, or archived ones). */
  async function fetchOwners(archived: boolean): Promise<HubSpotOwner[]> {
    const out: HubSpotOwner[] = [];
    const seen = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await http.request<{ results?: unknown; paging?: { next?: { after?: unknown } } }>({
        method: 'GET',
        path: '/crm/v3/owners',
        query: { limit: OWNERS_PAGE, archived, ...(after === undefined ? {} : { after }) },
      });
      if (page === null || typeof page !== 'object' || !Array.isArray(page.results))
        throw fail('unavailable', 'HubSpot answered an owners page without a results array');
      for (const owner of page.results as HubSpotOwner[]) {
        if (owner === null || typeof owner !== 'object' || typeof owner.id !== 'string' || owner.id === '')
          throw fail('unavailable', 'HubSpot answered an owner without an id');
        if (seen.has(owner.id)) continue;
        seen.add(owner.id);
        out.push(owner);
      }
      const next = page.paging?.next?.after;
      if (next === undefined || next === null || next === '') return out;
      if (String(next) === after) throw fail('unavailable', 'HubSpot answered the same owners page twice');
      after = String(next);
    }
  }

  let ownerCache: Map<string, HubSpotOwner> | undefined;
  /** Owners by id, (re)loaded when one of `ids` is not known yet: active ones, then archived ones. */
  async function ownersById(ids: ReadonlySet<string>): Promise<Map<string, HubSpotOwner>> {
    const missing = (cache: Map<string, HubSpotOwner>) => [...ids].some((id) => !cache.has(id));
    let cache = ownerCache;
    if (cache === undefined || missing(cache)) {
      cache = new Map((await fetchOwners(false)).map((o) => [o.id, o]));
      if (missing(cache)) for (const o of await fetchOwners(true)) if (!cache.has(o.id)) cache.set(o.id, o);
      ownerCache = cache;
    }
    return cache;
  }

  /** With `ownerIds: 'email'`, replaces each lead's HubSpot owner id by the owner's email. */
  async function ownerEmails(leads: Lead[], issues: AccordIssue[]): Promise<void> {
    if (ownerIds !== 'email' || mapping.contact.ownerId === null) return;
    const ids = new Set(leads.flatMap((l) => (l.ownerId === undefined ? [] : [l.ownerId])));
    if (ids.size === 0) return;
    const owners = await ownersById(ids);
    const property = mapping.contact.ownerId;
    for (const lead of leads) {
      if (lead.ownerId === undefined) continue;
      const email = owners.get(lead.ownerId)?.email;
      if (typeof email === 'string' && email !== '') lead.ownerId = email;
      else {
        const detail = owners.has(lead.ownerId)
          ? `contact ${lead.id}: the owner in ${property} has no email`
          : `contact ${lead.id}: HubSpot has no owner with the id in ${property}`;
        issues.push({
          code: 'invalid_argument',
          detail,
          path: ['contacts', lead.id, 'properties', property],
          message: detail,
        });
      }
    }
  }

  /** The HubSpot owner id to write: the id itself, or (with `ownerIds: 'email'`) the active owner with that email. */
  async function ownerIdFor(ownerId: string): Promise<string> {
    if (ownerIds !== 'email' || !ownerId.includes('@')) return ownerId;
    const wanted = ownerId.trim().toLowerCase();
    const find = (owners: Iterable<HubSpotOwner>) =>
      [...owners].find((o) => !o.archived && o.email?.trim().toLowerCase() === wanted)?.id;
    const cached = ownerCache ? find(ownerCache.values()) : undefined;
    if (cached !== undefined) return cached;
    ownerCache = undefined;
    const found = find((await ownersById(new Set())).values());
    if (found === undefined) throw new AdapterError(name, 'not_found', 'no active HubSpot owner has the email given');
    return found;
  }

  function checked<K extends 'leads' | 'opportunities'>(
    kind: K,
    records: ListedRecords[K][],
    issues: AccordIssue[],
  ): ListedRecords[K][] {
    if (issues.length === 0) {
      const result = validateRecords(kind, records);
      for (const i of result.issues) {
        const [, index, ...rest] = i.path;
        const id = typeof index === 'number' ? (records[index] as { id?: string } | undefined)?.id : undefined;
        issues.push({ ...i, path: id === undefined ? i.path : [kind, id, ...rest] } as AccordIssue);
      }
    }
    if (issues.length > 0)
      throw fail(
        'invalid_record',
        `${issues.length} problem(s) in HubSpot ${kind === 'leads' ? 'contacts' : 'deals'}`,
        issues,
      );
    return records;
  }

  const list = async <K extends ListKind>(kind: K, listOptions: ListOptions = {}): Promise<Page<ListedRecords[K]>> => {
    const limit = pageLimit(name, listOptions);
    const since = updatedSince(name, listOptions);
    const state = readState(kind, listOptions.cursor, since);
    if (kind !== 'leads' && kind !== 'opportunities')
      throw new AdapterError(name, 'not_supported', `the HubSpot adapter does not read ${kind}`);
    const type = kind === 'leads' ? 'contacts' : 'deals';
    const got = await fetchObjects(type, kind === 'leads' ? contactProps : dealProps, limit, since, state);
    const issues: AccordIssue[] = [];
    let records: unknown[];
    if (kind === 'leads') {
      const leads: Lead[] = [];
      for (const object of got.objects) {
        const r = contactToLead(object, mapping);
        if (r.lead) leads.push(r.lead);
        issues.push(...r.issues);
      }
      await ownerEmails(leads, issues);
      records = checked('leads', leads, issues);
    } else {
      const ids = got.objects.map((o) => o.id);
      const [contacts, companies, stageMap] =
        ids.length === 0
          ? [new Map<string, string[]>(), new Map<string, string[]>(), new Map<string, DealStageState>()]
          : await Promise.all([
              associated('deals', 'contacts', ids),
              associated('deals', 'companies', ids),
              states(got.objects),
            ]);
      const opportunities: Opportunity[] = [];
      for (const object of got.objects) {
        const r = dealToOpportunity(object, {
          mapping,
          states: stageMap,
          contactIds: contacts.get(object.id) ?? [],
          companyIds: companies.get(object.id) ?? [],
          missingAmount: options.missingAmount ?? 'error',
          ...(options.defaultCurrency ? { defaultCurrency: options.defaultCurrency } : {}),
        });
        if (r.opportunity) opportunities.push(r.opportunity);
        issues.push(...r.issues);
      }
      records = checked('opportunities', opportunities, issues);
    }
    return {
      records: records as ListedRecords[K][],
      nextCursor: got.more && got.state.id !== null ? encodeCursor(kind, JSON.stringify(got.state), since) : null,
    };
  };

  // ── write-back through the outbox ──────────────────────────────────────────────────────────────
  async function deliver(message: OutboxMessage): Promise<void> {
    const payload = message.payload as DispositionPayload;
    const contactPath = `/crm/v3/objects/contacts/${encodeURIComponent(payload.leadId)}`;
    await http.request({
      method: 'PATCH',
      path: contactPath,
      body: { properties: payload.properties },
      idempotencyKey: `${message.key}:contact`,
    });
    if (message.kind !== 'hubspot.disposition') return;
    const found = await http.request<HubSpotCollection>({
      method: 'POST',
      path: '/crm/v3/objects/notes/search',
      body: {
        filterGroups: [{ filters: [{ propertyName: mapping.noteKeyProperty, operator: 'EQ', value: message.key }] }],
        properties: [mapping.noteKeyProperty],
        limit: 1,
      },
      badRequestCode: 'invalid_option',
    });
    if (Array.isArray(found?.results) && found.results.length > 0) return;
    await http.request({
      method: 'POST',
      path: '/crm/v3/objects/notes',
      idempotencyKey: `${message.key}:note`,
      body: {
        properties: {
          hs_timestamp: payload.note.timestamp,
          hs_note_body: payload.note.body,
          [mapping.noteKeyProperty]: message.key,
        },
        associations: [
          {
            to: { id: payload.leadId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_CONTACT }],
          },
        ],
      },
    });
  }

  // Oldest first, one adapter = one ordering group: a write waiting for its retry holds back the later
  // ones, so HubSpot sees them in order. A new write is a good moment to retry the older ones (send).
  const outbox = createOutbox({
    store,
    deliver,
    now,
    backoff: options.outboxDelayMs ?? ((n: number) => Math.min(300_000, 1_000 * 2 ** Math.max(0, n - 1))),
    isPermanent: (error) => error instanceof AdapterError && PERMANENT.has(error.code),
    handles: (message) => message.adapter === name,
  });

  async function write(kind: string, leadId: string, key: string, payload: DispositionPayload): Promise<void> {
    const { status, message, error } = await outbox.send({ key, adapter: name, kind, payload });
    if (status === 'delivered') return;
    if (status === 'dead') {
      // The code of this attempt, or (refused before) the one recorded on the message.
      const recorded = /^([a-z_]+):/.exec(message.lastError ?? '')?.[1];
      const code =
        error instanceof AdapterError
          ? error.code
          : recorded === 'not_found' || recorded === 'invalid_option'
            ? recorded
            : 'invalid_record';
      throw new AdapterError(
        name,
        code,
        code === 'not_found'
          ? `no contact with id ${leadId}`
          : `HubSpot refused the write (${message.lastError ?? 'no detail'})`,
        error === undefined ? {} : { cause: error },
      );
    }
    // Pending: queued for flushOutbox. HubSpot being down, slow or busy is not the caller's error.
    if (error instanceof AdapterError && !TRANSIENT.has(error.code)) throw error;
  }

  const requireId = (value: unknown, label: string) => {
    if (typeof value !== 'string' || value.trim() === '')
      throw new AdapterError(name, 'invalid_option', `${label} must be a non-empty string`);
  };

  const capabilities: AdapterCapabilities = {
    lists: { leads: true, activities: false, touchpoints: false, opportunities: true, spend: false },
    updatedSince: true,
    writeDisposition: true,
    assignOwner: true,
    runScorecard: false,
  };
  return {
    name,
    capabilities,
    ...listMethods(list),
    async writeDisposition(leadId: string, disposition: LeadDisposition) {
      requireId(leadId, 'leadId');
      const parsed = LeadDispositionSchema.safeParse(disposition);
      if (!parsed.success) throw new AdapterError(name, 'invalid_record', 'the disposition is not valid');
      const d = parsed.data;
      const atMs = toInstantMs(d.at);
      const at = new Date(atMs).toISOString();
      const reason = agreement.dispositions?.find((r) => r.id === d.reasonId);
      const status =
        mapping.dispositionLeadStatus[d.reasonId] ??
        (reason?.toStage === undefined
          ? undefined
          : Object.entries(mapping.leadStatus).find(([, stage]) => stage === reason.toStage)?.[0]);
      const p = mapping.disposition;
      const properties: Record<string, string> = {
        [p.reason]: d.reasonId,
        [p.at]: at,
        [p.by]: d.by ?? '',
        [p.detail]: d.detail ?? '',
        ...(status === undefined ? {} : { hs_lead_status: status }),
      };
      const key = `${name}:disposition:${leadId}:${atMs}:${d.reasonId}`;
      const lines = [
        `<p><strong>Disposition:</strong> ${escapeHtml(reason?.label ?? d.reasonId)} (${escapeHtml(d.reasonId)})</p>`,
        ...(d.detail ? [`<p><strong>Detail:</strong> ${escapeHtml(d.detail)}</p>`] : []),
        ...(d.by ? [`<p><strong>By:</strong> ${escapeHtml(d.by)}</p>`] : []),
        `<p>accord:${escapeHtml(key)}</p>`,
      ];
      await write('hubspot.disposition', leadId, key, {
        leadId,
        properties,
        note: { body: lines.join(''), timestamp: at },
      });
    },
    async assignOwner(leadId: string, ownerId: string) {
      requireId(leadId, 'leadId');
      requireId(ownerId, 'ownerId');
      const hubspotOwnerId = await ownerIdFor(ownerId);
      const key = `${name}:owner:${leadId}:${hubspotOwnerId}:${now()}`;
      await write('hubspot.owner', leadId, key, {
        leadId,
        properties: { hubspot_owner_id: hubspotOwnerId },
        note: { body: '', timestamp: '' },
      });
    },
    flushOutbox: () => outbox.flush(),
    pendingWrites: () => outbox.pending(),
    listOwners: () => fetchOwners(false),
    close: () => outbox.stop(),
  };
}
