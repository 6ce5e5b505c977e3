import { createHash } from 'node:crypto';
import { canonicalTablesDdl, createSqlScorecardEngine, duckdbDialect, projectRecord, TABLES } from '@accord/adapters';
import {
  type AccountDirectory,
  type Agreement,
  type ComputeScorecardOptions,
  computeScorecardWith,
  createRouter,
  evaluateLeadSlas,
  evaluateLeadStandard,
  type Lead,
  type Router,
  type RoutingState,
  type ScorecardResult,
  type SlaStatus,
  toEpochMs,
} from '@accord/core';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/** What the service decided for one lead: its owner, the rule, the lead-standard verdict and its SLA clocks. */
export interface LeadDecision {
  leadId: string;
  /** `accepted` the first time the lead arrives; `duplicate` for a retried webhook (the stored decision). */
  status: 'accepted' | 'duplicate';
  /** Position in the routing order (1, 2, …): the order the router saw the leads in. */
  seq: number;
  /** When the service received the lead (ISO-8601); routing and the clocks were evaluated at it. */
  receivedAt: string;
  owner: { type: 'user' | 'queue'; id: string };
  ruleId: string | null;
  poolId: string | null;
  leadStandard: { passed: boolean; missing: string[]; suppressed: string[] };
  /** Every SLA that applies to the lead; clocks start when the lead enters the SLA's start stage. */
  slas: {
    slaId: string;
    label: string;
    side: string;
    state: SlaStatus['state'];
    startedAt: string | null;
    dueAt: string | null;
    warningAt: string | null;
  }[];
}

/** The outcome of one submission: every lead's decision, or the ids that clash with stored leads. */
export type SubmitResult =
  | { ok: true; decisions: LeadDecision[] }
  | { ok: false; conflicts: { index: number; leadId: string }[] };

/** Options for {@link openLeadStore}. */
export interface LeadStoreOptions {
  /** The DuckDB file (created when missing), or `:memory:`. */
  path: string;
  agreement: Agreement;
  /** Passed to the router (account-owner rules). */
  accounts?: AccountDirectory;
  /**
   * DuckDB's worker threads (default 1). The writes are small transactions that extra threads only slow
   * down (waking them costs more than the work); a scorecard over millions of leads wants more.
   */
  threads?: number;
}

/** The service's store: validated leads in, durable decisions out; reads for the scorecard and the queue. */
export interface LeadStore {
  /**
   * Routes and stores validated leads. Resolves only after the transaction holding the leads, their
   * assignments, clocks and the routing state has committed. Leads already stored with the same content
   * are returned as `duplicate`; the same id with other content is a conflict and nothing of that
   * submission is stored.
   */
  submit(leads: readonly Lead[], receivedAt: number): Promise<SubmitResult>;
  /** Every stored lead, in routing order. */
  leads(): Promise<Lead[]>;
  /** The stored decisions, in routing order. */
  decisions(): Promise<LeadDecision[]>;
  /** The routing state as last committed, and the seq of the last decision it includes. */
  routingState(): Promise<{ seq: number; state: RoutingState }>;
  /** The scorecard pushed down to DuckDB (the adapters' SQL engine over the canonical tables). */
  runScorecard(options: Omit<ComputeScorecardOptions, 'agreement'>): Promise<ScorecardResult>;
  /** Stored lead count. */
  count(): Promise<number>;
  /**
   * Row counts that tell a whole write from a half-written one: every stored lead has its decision and
   * its started clocks, and the routing state includes exactly the stored decisions.
   */
  audit(): Promise<StoreAudit>;
  close(): Promise<void>;
}

/** What {@link LeadStore.audit} finds. */
export interface StoreAudit {
  leads: number;
  decisions: number;
  clocks: number;
  /** Clocks the decisions say were started (each decision's SLAs with a start). */
  clocksInDecisions: number;
  /** Canonical lead rows without a decision, and decisions without a lead row. */
  leadsWithoutDecision: number;
  decisionsWithoutLead: number;
  /** The highest stored seq, and the seq the stored routing state includes. */
  maxSeq: number;
  stateSeq: number;
}

// Fixed names (never built from input). The canonical tables come from @accord/adapters, so the
// adapters' scorecard SQL — and `createDuckDbAdapter({ path })` on a stopped service's file — read them.
const T_DECISIONS = 'service_decisions';
const T_CLOCKS = 'service_sla_clocks';
const T_STATE = 'service_routing_state';
const LEAD_COLUMNS = 17; // key, changed, record + the 14 typed lead columns

const SERVICE_DDL = [
  `CREATE TABLE IF NOT EXISTS ${T_DECISIONS} (lead_id VARCHAR PRIMARY KEY, seq INTEGER NOT NULL, received_at DOUBLE NOT NULL, payload_hash VARCHAR NOT NULL, decision VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${T_CLOCKS} (lead_id VARCHAR NOT NULL, sla_id VARCHAR NOT NULL, state VARCHAR NOT NULL, started_at DOUBLE, due_at DOUBLE, warning_at DOUBLE, PRIMARY KEY (lead_id, sla_id))`,
  `CREATE TABLE IF NOT EXISTS ${T_STATE} (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, state VARCHAR NOT NULL)`,
];

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The hash a retried webhook must match: the validated record, so key order in the body does not matter. */
export function leadHash(lead: Lead): string {
  return createHash('sha256').update(JSON.stringify(lead)).digest('hex');
}

/** When a lead last changed (as the DuckDB adapter computes it), for the canonical `changed` column. */
function changedAt(lead: Lead): number {
  let t = toEpochMs(lead.createdAt);
  for (const v of Object.values(lead.stageDates ?? {})) if (v !== undefined) t = Math.max(t, toEpochMs(v));
  if (lead.firstTouchAt !== undefined) t = Math.max(t, toEpochMs(lead.firstTouchAt));
  if (lead.disposition) t = Math.max(t, toEpochMs(lead.disposition.at));
  return t;
}

/** `INSERT INTO table VALUES ($1, $2), ($3, $4)` for `rows` rows of `width` bound values. */
function insertSql(table: string, rows: number, width: number): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(`$${r * width + c}`);
    tuples.push(`(${cells.join(', ')})`);
  }
  return `INSERT INTO ${table} VALUES ${tuples.join(', ')}`;
}

interface Job {
  leads: readonly Lead[];
  receivedAt: number;
  resolve: (result: SubmitResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Opens (or creates) the service's DuckDB file and resumes the router from the committed routing state.
 *
 * Writes go through one queue: submissions that arrive while a transaction commits are routed and
 * committed together in the next one (group commit), in arrival order, so the stored routing state is
 * always the state after exactly the stored decisions. Reads use a second connection and never see an
 * uncommitted transaction.
 */
export async function openLeadStore(options: LeadStoreOptions): Promise<LeadStore> {
  const { agreement } = options;
  const instance = await DuckDBInstance.create(options.path, { threads: String(options.threads ?? 1) });
  const writer = await instance.connect();
  const reader = await instance.connect();
  for (const sql of [...canonicalTablesDdl(duckdbDialect), ...SERVICE_DDL]) await writer.run(sql);

  const rows = async (conn: DuckDBConnection, sql: string, params: DuckDBValue[] = []) =>
    (await conn.runAndReadAll(sql, params)).getRowObjects() as Record<string, unknown>[];

  const loadState = async (conn: DuckDBConnection): Promise<{ seq: number; state: RoutingState }> => {
    const row = (await rows(conn, `SELECT seq, state FROM ${T_STATE} WHERE id = 1`))[0];
    return row
      ? { seq: Number(row.seq), state: JSON.parse(String(row.state)) as RoutingState }
      : { seq: 0, state: { pools: {} } };
  };
  let committed = await loadState(writer);
  const routerOptions = options.accounts ? { accounts: options.accounts } : {};
  let router: Router = createRouter(agreement, { ...routerOptions, state: committed.state });
  // The stored ids, so a group of new leads needs no lookup; only a known id reads its stored decision.
  const known = new Set((await rows(writer, `SELECT lead_id FROM ${T_DECISIONS}`)).map((r) => String(r.lead_id)));

  const queue: Job[] = [];
  let draining = false;
  let closed = false;

  /** Routes and stores every queued job in one transaction. */
  const commitGroup = async (jobs: Job[]): Promise<SubmitResult[]> => {
    const ids = [...new Set(jobs.flatMap((j) => j.leads.map((l) => l.id)))].filter((id) => known.has(id));
    const stored = new Map<string, { hash: string; decision: LeadDecision }>();
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const found = await rows(
        writer,
        `SELECT lead_id, payload_hash, decision FROM ${T_DECISIONS} WHERE lead_id IN (${chunk.map((_, k) => `$${k + 1}`).join(', ')})`,
        chunk,
      );
      for (const r of found)
        stored.set(String(r.lead_id), {
          hash: String(r.payload_hash),
          decision: JSON.parse(String(r.decision)) as LeadDecision,
        });
    }
    let seq = committed.seq;
    const results: SubmitResult[] = [];
    const leadValues: DuckDBValue[] = [];
    const stageValues: DuckDBValue[] = [];
    const decisionValues: DuckDBValue[] = [];
    const clockValues: DuckDBValue[] = [];
    let newLeads = 0;
    const fresh: string[] = [];
    for (const job of jobs) {
      const hashes = job.leads.map(leadHash);
      const conflicts = job.leads.flatMap((lead, index) => {
        const before = stored.get(lead.id);
        return before && before.hash !== hashes[index] ? [{ index, leadId: lead.id }] : [];
      });
      if (conflicts.length > 0) {
        results.push({ ok: false, conflicts });
        continue;
      }
      const decisions = job.leads.map((input, index): LeadDecision => {
        const before = stored.get(input.id);
        if (before) return { ...before.decision, status: 'duplicate' };
        const now = job.receivedAt;
        const routed = router.route(input, { now });
        const lead: Lead = routed.assignee.type === 'user' ? { ...input, ownerId: routed.assignee.id } : input;
        const standard = evaluateLeadStandard(lead, agreement, { now });
        const { statuses } = evaluateLeadSlas(lead, [], agreement, { now });
        seq += 1;
        const decision: LeadDecision = {
          leadId: lead.id,
          status: 'accepted',
          seq,
          receivedAt: new Date(now).toISOString(),
          owner: { type: routed.assignee.type, id: routed.assignee.id },
          ruleId: routed.ruleId,
          poolId: routed.poolId,
          leadStandard: {
            passed: standard.passed,
            missing: standard.missing.map((m) => m.field),
            suppressed: standard.suppressed.map((s) => s.id),
          },
          slas: statuses.map((s) => ({
            slaId: s.slaId,
            label: s.label,
            side: s.side,
            state: s.state,
            startedAt: iso(s.startedAt),
            dueAt: iso(s.dueAt),
            warningAt: iso(s.warnings[0]?.at ?? null),
          })),
        };
        stored.set(lead.id, { hash: hashes[index] as string, decision });
        const projected = projectRecord('leads', lead as unknown as Record<string, unknown>);
        leadValues.push(lead.id, changedAt(lead), JSON.stringify(lead), ...projected.values);
        for (const [stage, at] of projected.stages ?? []) stageValues.push(lead.id, stage, at);
        decisionValues.push(lead.id, seq, now, hashes[index] as string, JSON.stringify(decision));
        for (const s of statuses)
          if (s.startedAt !== null)
            clockValues.push(lead.id, s.slaId, s.state, s.startedAt, s.dueAt, s.warnings[0]?.at ?? null);
        newLeads += 1;
        fresh.push(lead.id);
        return decision;
      });
      results.push({ ok: true, decisions });
    }
    if (newLeads === 0) return results;
    const state = router.state();
    await writer.run('BEGIN TRANSACTION');
    try {
      await writer.run(insertSql(TABLES.leads, newLeads, LEAD_COLUMNS), leadValues);
      if (stageValues.length > 0)
        await writer.run(insertSql(TABLES.leadStages, stageValues.length / 3, 3), stageValues);
      await writer.run(insertSql(T_DECISIONS, newLeads, 5), decisionValues);
      if (clockValues.length > 0) await writer.run(insertSql(T_CLOCKS, clockValues.length / 6, 6), clockValues);
      await writer.run(
        `INSERT INTO ${T_STATE} VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, state = excluded.state`,
        [seq, JSON.stringify(state)],
      );
      await writer.run('COMMIT');
    } catch (error) {
      await writer.run('ROLLBACK').catch(() => undefined);
      // The router moved on in memory for leads that were not stored: resume from the committed state.
      router = createRouter(agreement, { ...routerOptions, state: committed.state });
      throw error;
    }
    committed = { seq, state };
    for (const id of fresh) known.add(id);
    return results;
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        const jobs = queue.splice(0, queue.length);
        try {
          const results = await commitGroup(jobs);
          jobs.forEach((job, i) => {
            job.resolve(results[i] as SubmitResult);
          });
        } catch (error) {
          for (const job of jobs) job.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  };

  const readLeads = async () =>
    (
      await rows(
        reader,
        `SELECT l.record FROM ${TABLES.leads} l JOIN ${T_DECISIONS} d ON d.lead_id = l.key ORDER BY d.seq`,
      )
    ).map((r) => JSON.parse(String(r.record)) as Lead);

  const readDecisions = async () =>
    (await rows(reader, `SELECT decision FROM ${T_DECISIONS} ORDER BY seq`)).map(
      (r) => JSON.parse(String(r.decision)) as LeadDecision,
    );

  return {
    submit(leads, receivedAt) {
      if (closed) return Promise.reject(new Error('the lead store is closed'));
      return new Promise<SubmitResult>((resolve, reject) => {
        queue.push({ leads, receivedAt, resolve, reject });
        void drain();
      });
    },
    leads: readLeads,
    decisions: readDecisions,
    routingState: () => loadState(reader),
    async count() {
      return Number((await rows(reader, `SELECT count(*) AS n FROM ${T_DECISIONS}`))[0]?.n ?? 0);
    },
    async runScorecard(scorecardOptions) {
      // What the DuckDB adapter's runScorecard does, on this store's read connection: the service
      // writes no opportunities, so they are derived from leads as computeScorecard does.
      const engine = createSqlScorecardEngine({
        dialect: duckdbDialect,
        agreement,
        opportunities: 'derived',
        query: async (sql, params) => rows(reader, sql, params as DuckDBValue[]),
        records: async () => ({ leads: await readLeads(), activities: [], touchpoints: [], spend: [] }),
      });
      return computeScorecardWith(engine, { ...scorecardOptions, agreement });
    },
    async audit() {
      const one = async (sql: string) => Number((await rows(reader, sql))[0]?.n ?? 0);
      const decisions = await readDecisions();
      return {
        leads: await one(`SELECT count(*) AS n FROM ${TABLES.leads}`),
        decisions: decisions.length,
        clocks: await one(`SELECT count(*) AS n FROM ${T_CLOCKS}`),
        clocksInDecisions: decisions.reduce((n, d) => n + d.slas.filter((s) => s.startedAt !== null).length, 0),
        leadsWithoutDecision: await one(
          `SELECT count(*) AS n FROM ${TABLES.leads} l WHERE NOT EXISTS (SELECT 1 FROM ${T_DECISIONS} d WHERE d.lead_id = l.key)`,
        ),
        decisionsWithoutLead: await one(
          `SELECT count(*) AS n FROM ${T_DECISIONS} d WHERE NOT EXISTS (SELECT 1 FROM ${TABLES.leads} l WHERE l.key = d.lead_id)`,
        ),
        maxSeq: await one(`SELECT coalesce(max(seq), 0) AS n FROM ${T_DECISIONS}`),
        stateSeq: (await loadState(reader)).seq,
      };
    },
    async close() {
      closed = true;
      while (draining || queue.length > 0) await new Promise((r) => setTimeout(r, 5));
      reader.closeSync();
      writer.closeSync();
      instance.closeSync();
    },
  };
}
