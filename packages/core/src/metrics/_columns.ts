import { readPath, splitFieldPath } from '../_lib/fieldPath';
import { toEpochMs } from '../_lib/instant';
import type { Agreement } from '../agreement/agreement.types';
import { compileCriteria } from '../criteria/compileCriteria';
import type { RawIssue } from '../errors/errors.types';
import type { Account, Activity, Lead, Opportunity, Spend, Touchpoint } from '../records/records.types';
import { routingEngine } from '../routing/_routingEngine';
import { expectedOwner } from '../routing/auditRouting';
import { createAccountDirectory } from '../routing/createAccountDirectory';
import { calendarClock } from '../sla/_calendarTable';
import { evaluateLeadSlas } from '../sla/evaluateLeadSlas';
import { handoffStages, type Need } from './_plan';

/*
 * The columnar form of the scorecard's input: one typed array per column, dictionary-encoded group
 * keys, built once per (records, agreement, asOf) and reused across calls. Absent values are NaN in
 * Float64 columns and −1 in integer columns. Derived columns (SLA states, business-hour durations,
 * routing audit, custom filters) are built on first use.
 */

/** A column: instants and amounts in Float64 (NaN = absent); codes and flags in Int32/Int8 (−1 = absent). */
export type Column = Float64Array | Int32Array | Int8Array;

/** One fact table. `leadRow` joins a row to its lead (−1: none) for grouping. */
export interface FactTable<R> {
  n: number;
  records: readonly R[];
  cols: Map<string, Column>;
  leadRow: Int32Array | null;
  /** Group-key codes per dimension, built on demand. */
  dims: Map<string, Int32Array>;
}

/** A dimension's dictionary: label per code. Code 0 is `(none)`. */
export interface Dictionary {
  labels: string[];
  index: Map<string, number>;
}

export const NONE = '(none)';

/** The columnar data set. */
export interface Columnar {
  agreement: Agreement;
  asOf: number;
  leads: FactTable<Lead>;
  opportunities: FactTable<Opportunity | null>;
  activities: FactTable<Activity>;
  touchpoints: FactTable<Touchpoint>;
  spend: readonly Spend[];
  accounts: readonly Account[];
  /** Opportunities derived from the leads' stage dates, because none were given. */
  derivedOpportunities: boolean;
  dictionaries: Map<string, Dictionary>;
  /** Activities per lead row, for SLA clocks. */
  activitiesOf: (row: number) => readonly Activity[];
  built: Set<string>;
  /** Query-independent results, reused across calls: condition masks, value columns, row patterns, group ids. */
  memo: Map<string, unknown>;
  /** Warnings found while building (unknown stage keys, out-of-order stage dates...). Rows are kept. */
  warnings: RawIssue[];
}

/** The input records, already validated. */
export interface ColumnarInput {
  leads: readonly Lead[];
  opportunities?: readonly Opportunity[] | undefined;
  activities?: readonly Activity[] | undefined;
  touchpoints?: readonly Touchpoint[] | undefined;
  spend?: readonly Spend[] | undefined;
  accounts?: readonly Account[] | undefined;
  /** Input positions of the leads (for issue paths), when some were skipped. */
  leadPositions?: readonly number[] | undefined;
}

const float = (n: number) => new Float64Array(n).fill(Number.NaN);
const int8 = (n: number) => new Int8Array(n).fill(-1);

/** Builds the columnar form. Linear in the records. */
export function buildColumnar(input: ColumnarInput, agreement: Agreement, asOf: number): Columnar {
  const leads = input.leads;
  const n = leads.length;
  const warnings: RawIssue[] = [];
  const position = (i: number) => input.leadPositions?.[i] ?? i;
  const stageIds = agreement.stages.map((s) => s.id);
  const stageCols = new Map(stageIds.map((id) => [id, float(n)] as const));
  const created = new Float64Array(n);
  const firstTouch = float(n);
  const amount = float(n);
  const reason = new Int32Array(n).fill(-1);
  const dispositionAt = float(n);
  const hasOwner = int8(n);
  const reasonIds = (agreement.dispositions ?? []).map((r) => r.id);
  const known = reasonIds.length;
  const reasonIndex = new Map(reasonIds.map((id, i) => [id, i] as const));
  const rowOf = new Map<string, number>();
  // Funnel order, for out-of-order checks: the open stages, then won/lost after the last open one.
  const ordered = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open').map((s) => s.id);
  const closing = agreement.stages.filter((s) => s.kind === 'won' || s.kind === 'lost').map((s) => s.id);

  for (let i = 0; i < n; i++) {
    const lead = leads[i] as Lead;
    rowOf.set(lead.id, i);
    created[i] = toEpochMs(lead.createdAt);
    if (lead.firstTouchAt !== undefined) firstTouch[i] = toEpochMs(lead.firstTouchAt);
    if (lead.amount !== undefined) amount[i] = lead.amount;
    if (lead.ownerId !== undefined && lead.ownerId !== '') hasOwner[i] = 1;
    const dates = lead.stageDates;
    if (dates) {
      for (const key in dates) {
        const col = stageCols.get(key);
        if (col === undefined) {
          warnings.push({
            code: 'unknown_stage',
            path: ['leads', position(i), 'stageDates', key],
            stageId: key,
            known: stageIds,
          });
          continue;
        }
        col[i] = toEpochMs(dates[key]);
      }
      checkOrder(i);
    }
    const d = lead.disposition;
    if (d) {
      let code = reasonIndex.get(d.reasonId);
      if (code === undefined || code >= known) {
        // Every lead with a reason the agreement does not know is named (not only the first).
        if (code === undefined) {
          code = reasonIds.length;
          reasonIds.push(d.reasonId);
          reasonIndex.set(d.reasonId, code);
        }
        warnings.push({
          code: 'unknown_reason',
          path: ['leads', position(i), 'disposition', 'reasonId'],
          reasonId: d.reasonId,
          known: (agreement.dispositions ?? []).map((r) => r.id),
        });
      }
      reason[i] = code;
      dispositionAt[i] = toEpochMs(d.at);
    }
  }

  function checkOrder(i: number): void {
    let last = Number.NEGATIVE_INFINITY;
    let lastId = '';
    for (const id of ordered) {
      const t = (stageCols.get(id) as Float64Array)[i] as number;
      if (Number.isNaN(t)) continue;
      if (t < last) {
        warnings.push({
          code: 'stage_out_of_order',
          path: ['leads', position(i), 'stageDates', id],
          stageId: id,
          after: lastId,
        });
      } else {
        last = t;
        lastId = id;
      }
    }
    for (const id of closing) {
      const t = (stageCols.get(id) as Float64Array)[i] as number;
      if (!Number.isNaN(t) && t < last)
        warnings.push({
          code: 'stage_out_of_order',
          path: ['leads', position(i), 'stageDates', id],
          stageId: id,
          after: lastId,
        });
    }
  }

  // Activities: first touch when the lead has none recorded; per-lead lists for SLA clocks.
  const activities = input.activities ?? [];
  const byLead: Activity[][] = [];
  const activityRow = new Int32Array(activities.length).fill(-1);
  const activityAt = new Float64Array(activities.length);
  const touchStart = firstTouchStageCol(agreement, stageCols);
  activities.forEach((a, j) => {
    const row = rowOf.get(a.leadId);
    const t = toEpochMs(a.at);
    activityAt[j] = t;
    if (row === undefined) return;
    activityRow[j] = row;
    const list = byLead[row];
    if (list) list.push(a);
    else byLead[row] = [a];
    if (leads[row]?.firstTouchAt === undefined) {
      const from = touchStart?.[row] ?? Number.NaN;
      const current = firstTouch[row] as number;
      if ((Number.isNaN(from) || t >= from) && !(current <= t)) firstTouch[row] = t;
    }
  });

  const leadCols = new Map<string, Column>([
    ['created', created],
    ['firstTouch', firstTouch],
    ['amount', amount],
    ['reason', reason],
    ['dispositionAt', dispositionAt],
    ['hasOwner', hasOwner],
  ]);
  for (const [id, col] of stageCols) leadCols.set(`stage:${id}`, col);

  const opportunities = input.opportunities
    ? opportunityTable(input.opportunities, rowOf, agreement, stageCols)
    : derivedOpportunityTable(leads, agreement, stageCols);

  const touchpoints = input.touchpoints ?? [];
  const tpRow = new Int32Array(touchpoints.length);
  const tpAt = new Float64Array(touchpoints.length);
  touchpoints.forEach((t, j) => {
    tpRow[j] = t.leadId === undefined ? -1 : (rowOf.get(t.leadId) ?? -1);
    tpAt[j] = toEpochMs(t.at);
  });

  return {
    agreement,
    asOf,
    leads: { n, records: leads, cols: leadCols, leadRow: null, dims: new Map() },
    opportunities: { ...opportunities, dims: new Map() },
    activities: {
      n: activities.length,
      records: activities,
      cols: new Map([['at', activityAt]]),
      leadRow: activityRow,
      dims: new Map(),
    },
    touchpoints: {
      n: touchpoints.length,
      records: touchpoints,
      cols: new Map([['at', tpAt]]),
      leadRow: tpRow,
      dims: new Map(),
    },
    spend: input.spend ?? [],
    accounts: input.accounts ?? [],
    derivedOpportunities: input.opportunities === undefined,
    dictionaries: new Map(),
    activitiesOf: (row) => byLead[row] ?? [],
    built: new Set(),
    memo: new Map(),
    warnings,
  };
}

function firstTouchStageCol(agreement: Agreement, stageCols: Map<string, Float64Array>): Float64Array | undefined {
  const sla = (agreement.slas ?? []).find((s) => s.kind === 'first_touch');
  return sla?.kind === 'first_touch' ? stageCols.get(sla.start.stage) : undefined;
}

/** The hand-over stage column: when a lead counts as marketing-sourced. */
function handoffCol(agreement: Agreement, stageCols: Map<string, Float64Array>): Float64Array | undefined {
  const handoff = handoffStages(agreement)?.handoff;
  return handoff === undefined ? undefined : stageCols.get(handoff);
}

type OppColumns = Omit<FactTable<Opportunity | null>, 'dims'>;

function opportunityTable(
  opps: readonly Opportunity[],
  rowOf: Map<string, number>,
  agreement: Agreement,
  stageCols: Map<string, Float64Array>,
): OppColumns {
  const m = opps.length;
  const created = new Float64Array(m);
  const closed = float(m);
  const amount = new Float64Array(m);
  const won = int8(m);
  const marketing = new Int8Array(m);
  const leadRow = new Int32Array(m).fill(-1);
  const kindOf = new Map(agreement.stages.map((s) => [s.id, s.kind ?? 'open'] as const));
  const handoff = handoffCol(agreement, stageCols);
  opps.forEach((o, j) => {
    created[j] = toEpochMs(o.createdAt);
    amount[j] = o.amount;
    if (o.closedAt !== undefined) closed[j] = toEpochMs(o.closedAt);
    const kind = kindOf.get(o.stage);
    won[j] =
      o.won === true || (o.won === undefined && kind === 'won') ? 1 : o.won === false || kind === 'lost' ? 0 : -1;
    for (const id of o.leadIds ?? []) {
      const row = rowOf.get(id);
      if (row === undefined) continue;
      if (leadRow[j] === -1) leadRow[j] = row;
      const h = handoff?.[row] ?? Number.NaN;
      if (h <= (created[j] as number)) marketing[j] = 1;
    }
  });
  return oppColumns(opps, { created, closed, amount, won, marketing }, leadRow);
}

/** Without opportunity records, each lead that reached the last open stage is one opportunity. */
function derivedOpportunityTable(
  leads: readonly Lead[],
  agreement: Agreement,
  stageCols: Map<string, Float64Array>,
): OppColumns {
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const oppStage = stageCols.get(open[open.length - 1]?.id ?? '');
  const wonCols = agreement.stages.filter((s) => s.kind === 'won').map((s) => stageCols.get(s.id) as Float64Array);
  const lostCols = agreement.stages.filter((s) => s.kind === 'lost').map((s) => stageCols.get(s.id) as Float64Array);
  const handoff = handoffCol(agreement, stageCols);
  const rows: number[] = [];
  if (oppStage) for (let i = 0; i < leads.length; i++) if (!Number.isNaN(oppStage[i] as number)) rows.push(i);
  const m = rows.length;
  const created = new Float64Array(m);
  const closed = float(m);
  const amount = float(m);
  const won = int8(m);
  const marketing = new Int8Array(m);
  const leadRow = Int32Array.from(rows);
  rows.forEach((row, j) => {
    const t = (oppStage as Float64Array)[row] as number;
    created[j] = t;
    const a = leads[row]?.amount;
    if (a !== undefined) amount[j] = a;
    const w = firstPresent(wonCols, row);
    const l = firstPresent(lostCols, row);
    if (!Number.isNaN(w)) {
      won[j] = 1;
      closed[j] = w;
    } else if (!Number.isNaN(l)) {
      won[j] = 0;
      closed[j] = l;
    }
    const h = handoff?.[row] ?? Number.NaN;
    if (h <= t) marketing[j] = 1;
  });
  return oppColumns(new Array<null>(m).fill(null), { created, closed, amount, won, marketing }, leadRow);
}

/** The opportunity fact table from its columns. */
function oppColumns(
  records: readonly (Opportunity | null)[],
  cols: { created: Float64Array; closed: Float64Array; amount: Float64Array; won: Int8Array; marketing: Int8Array },
  leadRow: Int32Array,
): OppColumns {
  return { n: records.length, records, cols: new Map<string, Column>(Object.entries(cols)), leadRow };
}

function firstPresent(cols: readonly Float64Array[], row: number): number {
  for (const c of cols) if (!Number.isNaN(c[row] as number)) return c[row] as number;
  return Number.NaN;
}

/** Builds the derived columns a plan needs, once per columnar data set. */
export function ensureColumns(data: Columnar, needs: readonly Need[]): void {
  for (const need of needs) {
    const key =
      need.kind === 'filter'
        ? `filter:${need.fact}:${need.id}`
        : need.kind === 'field'
          ? `field:${need.fact}:${need.path}`
          : need.kind;
    if (data.built.has(key)) continue;
    data.built.add(key);
    if (need.kind === 'sla') buildSlaColumns(data);
    else if (need.kind === 'ttftBusiness') buildBusinessTtft(data);
    else if (need.kind === 'misrouted') buildMisrouted(data);
    else if (need.kind === 'filter') {
      const table = data[need.fact] as FactTable<object | null>;
      const test = compileCriteria(need.rule);
      const col = new Int8Array(table.n);
      for (let i = 0; i < table.n; i++) {
        const record = table.records[i] ?? null;
        col[i] = record !== null && test(record, { now: data.asOf }) ? 1 : 0;
      }
      table.cols.set(`filter:${need.id}`, col);
    } else {
      const table = data[need.fact] as FactTable<object | null>;
      const path = splitFieldPath(need.path);
      const col = float(table.n);
      for (let i = 0; i < table.n; i++) {
        const v = readPath(table.records[i], path);
        if (typeof v === 'number' && Number.isFinite(v)) col[i] = v;
      }
      table.cols.set(`field:${need.path}`, col);
    }
  }
}

function buildSlaColumns(data: Columnar): void {
  const { agreement, leads } = data;
  const n = leads.n;
  const cols = new Map<string, { state: Int8Array; start: Float64Array; end: Float64Array }>();
  for (const sla of agreement.slas ?? []) {
    if (sla.kind === 'acceptance_rate') continue;
    const c = { state: int8(n), start: float(n), end: float(n) };
    cols.set(sla.id, c);
    leads.cols.set(`sla:${sla.id}:state`, c.state);
    leads.cols.set(`sla:${sla.id}:start`, c.start);
    leads.cols.set(`sla:${sla.id}:end`, c.end);
  }
  for (let i = 0; i < n; i++) {
    const { statuses } = evaluateLeadSlas(leads.records[i] as Lead, data.activitiesOf(i), agreement, {
      now: data.asOf,
    });
    for (const s of statuses) {
      const c = cols.get(s.slaId);
      if (!c || s.state === 'not_started') continue;
      c.state[i] = s.state === 'met' ? 1 : s.state === 'breached' ? 2 : 0;
      c.start[i] = s.startedAt ?? Number.NaN;
      c.end[i] =
        s.state === 'met'
          ? (s.stoppedAt ?? Number.NaN)
          : s.state === 'breached'
            ? (s.breachedAt ?? Number.NaN)
            : Number.NaN;
    }
  }
}

function buildBusinessTtft(data: Columnar): void {
  const { agreement, leads } = data;
  const col = float(leads.n);
  leads.cols.set('ttftBusiness', col);
  const sla = (agreement.slas ?? []).find((s) => s.kind === 'first_touch');
  if (sla?.kind !== 'first_touch' || sla.calendar === undefined) return;
  const calendar = agreement.calendars?.[sla.calendar];
  if (!calendar) return;
  const clock = calendarClock(calendar);
  const start = leads.cols.get(`stage:${sla.start.stage}`) as Float64Array;
  const touch = leads.cols.get('firstTouch') as Float64Array;
  for (let i = 0; i < leads.n; i++) {
    const s = start[i] as number;
    const t = touch[i] as number;
    if (t >= s) col[i] = clock.between(s, t) / 3_600_000;
  }
}

function buildMisrouted(data: Columnar): void {
  const { agreement, leads } = data;
  const col = int8(leads.n);
  leads.cols.set('misrouted', col);
  if (!agreement.routing) return;
  const engine = routingEngine(agreement);
  const accounts = createAccountDirectory(data.accounts);
  for (let i = 0; i < leads.n; i++) {
    const lead = leads.records[i] as Lead;
    if (lead.ownerId === undefined) continue;
    const expected = expectedOwner(engine, lead, data.asOf, accounts);
    if (expected.kind === 'queue') continue;
    col[i] = expected.ids.includes(lead.ownerId) ? 0 : 1;
  }
}

/** The lead field behind a grouping dimension. */
export const DIMENSIONS: Readonly<Record<string, string>> = {
  source: 'source',
  campaign: 'campaignId',
  campaignId: 'campaignId',
  segment: 'segment',
  region: 'region',
  country: 'country',
  owner: 'ownerId',
  ownerId: 'ownerId',
  team: 'teamId',
  teamId: 'teamId',
  account: 'accountId',
  accountId: 'accountId',
  company: 'company',
};

/** The lead path of a dimension name, or undefined when it is not one. */
export function dimensionPath(dim: string): string | undefined {
  if (Object.hasOwn(DIMENSIONS, dim)) return DIMENSIONS[dim];
  if (dim.startsWith('attributes.') && dim.length > 'attributes.'.length) return dim;
  return undefined;
}

export function dictionary(data: Columnar, dim: string): Dictionary {
  let d = data.dictionaries.get(dim);
  if (!d) {
    d = { labels: [NONE], index: new Map([[NONE, 0]]) };
    data.dictionaries.set(dim, d);
  }
  return d;
}

export function encode(d: Dictionary, value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const label = String(value);
  let code = d.index.get(label);
  if (code === undefined) {
    code = d.labels.length;
    d.labels.push(label);
    d.index.set(label, code);
  }
  return code;
}

/** The dimension codes of a fact table's rows (joined through the lead when the row has one). */
export function dimensionCodes(
  data: Columnar,
  fact: 'leads' | 'opportunities' | 'activities' | 'touchpoints',
  dim: string,
): Int32Array {
  const table = data[fact] as FactTable<object | null>;
  const cached = table.dims.get(dim);
  if (cached) return cached;
  const d = dictionary(data, dim);
  const path = splitFieldPath(dimensionPath(dim) as string);
  const codes = new Int32Array(table.n);
  if (fact === 'leads') {
    const leads = table.records;
    for (let i = 0; i < table.n; i++) codes[i] = encode(d, readPath(leads[i], path));
  } else {
    const leadCodes = dimensionCodes(data, 'leads', dim);
    const rows = table.leadRow as Int32Array;
    for (let i = 0; i < table.n; i++) {
      const row = rows[i] as number;
      // A row without a lead keeps its own field when it has one (an opportunity's source).
      codes[i] = row >= 0 ? (leadCodes[row] as number) : encode(d, readPath(table.records[i] ?? undefined, path));
    }
  }
  table.dims.set(dim, codes);
  return codes;
}
