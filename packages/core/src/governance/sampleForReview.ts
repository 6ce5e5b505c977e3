import { toEpochMs } from '../_lib/instant';
import { createRandom } from '../_lib/random';
import type { Agreement } from '../agreement/agreement.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import { accordError } from '../errors/errorMap';
import { deriveLifecycle } from '../lifecycle/deriveLifecycle';
import type { Account, Activity, Instant, Lead } from '../records/records.types';
import { createAccountDirectory } from '../routing/createAccountDirectory';
import { createRoutingState } from '../routing/createRoutingState';
import { routeLead } from '../routing/routeLead';
import { evaluateLeadSlas } from '../sla/evaluateLeadSlas';

/** Options for {@link sampleForReview}. */
export interface SampleForReviewOptions {
  agreement: Agreement;
  /** The instant the review looks from (SLA clocks, routing). Never read from the clock. */
  now: Instant | Date;
  /** How many leads to draw. Default 20. */
  n?: number;
  /** The draw's seed: the same seed and leads give the same sample. Default 1. */
  seed?: number;
  /**
   * `disposition` (default): Sales' decisions — accepted (reached the first sales-owned stage) or
   * rejected with each reason, undecided leads left out. Or a lead field (`source`, `ownerId`,
   * `attributes.<name>`): every lead, by that field's value.
   */
  stratifyBy?: 'disposition' | string;
  /** Only decisions (disposition time, or acceptance) in [from, to) — last week's, for a weekly review. */
  from?: Instant;
  to?: Instant;
  activities?: readonly Activity[];
  accounts?: readonly Account[];
}

/** One sampled lead and its "why". */
export interface ReviewItem {
  leadId: string;
  stratum: string;
  source: string | null;
  ownerId: string | null;
  stage: { id: string | null; label: string | null; since: number | null };
  /** The current stage's entry criteria against the lead as it is now; `null` when the stage has none. */
  criteria: { passed: boolean; reasons: string[] } | null;
  slas: {
    slaId: string;
    label: string;
    side: string;
    /** `first_touch`, `disposition`, `touches` (clocks), `lead_standard`, `acceptance_rate`. */
    kind: string;
    state: string;
    elapsedMinutes: number;
    targetMinutes: number;
  }[];
  disposition: {
    reasonId: string;
    label: string;
    action: string | null;
    detail: string | null;
    at: number;
    by: string | null;
  } | null;
  /** Who today's rules would assign (a pool means any member), against the owner the lead has. */
  routing: { ownerId: string | null; expected: string; ruleId: string | null; agrees: boolean | null; trace: string[] };
}

/** The result of {@link sampleForReview}. */
export interface ReviewSample {
  seed: number;
  stratifyBy: string;
  /** Leads eligible for the draw. */
  population: number;
  strata: { key: string; population: number; sampled: number }[];
  items: ReviewItem[];
}

const fieldOf = (lead: Lead, path: string): string => {
  let value: unknown = lead;
  for (const key of path.split('.'))
    value =
      value && typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
  return value === undefined || value === null || value === '' ? '(none)' : String(value);
};

/** Proportional allocation with at least one per stratum (when n allows), largest remainder, ties by key. */
function allocate(sizes: readonly [string, number][], n: number): Map<string, number> {
  const total = sizes.reduce((s, [, size]) => s + size, 0);
  const take = Math.min(n, total);
  const out = new Map(sizes.map(([k]) => [k, 0]));
  if (take === 0) return out;
  const floor = take >= sizes.length ? 1 : 0;
  let left = take;
  for (const [k, size] of sizes) {
    const base = Math.min(size, floor);
    out.set(k, base);
    left -= base;
  }
  const share = sizes.map(([k, size]) => {
    const extra = ((size - (out.get(k) ?? 0)) * left) / Math.max(1, total - sizes.length * floor);
    return { k, size, whole: Math.floor(extra), frac: extra - Math.floor(extra) };
  });
  for (const s of share) {
    const add = Math.min(s.whole, s.size - (out.get(s.k) ?? 0), left);
    out.set(s.k, (out.get(s.k) ?? 0) + add);
    left -= add;
  }
  share.sort((a, b) => b.frac - a.frac || (a.k < b.k ? -1 : 1));
  while (left > 0) {
    let moved = false;
    for (const s of share) {
      if (left === 0) break;
      if ((out.get(s.k) ?? 0) < s.size) {
        out.set(s.k, (out.get(s.k) ?? 0) + 1);
        left--;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}

/**
 * @name sampleForReview
 * @category Governance
 * @summary Draws a reproducible, stratified sample of leads for the weekly Sales–Marketing review, each with its "why".
 *
 * @description
 * The weekly review looks at a handful of real leads rather than averages: some Sales accepted, some
 * it rejected for each reason. Strata get a share of `n` proportional to their size, at least one
 * each when `n` allows (largest remainder, ties by name); inside a stratum the draw is a seeded
 * shuffle of the leads sorted by id, so the same seed and leads give the same sample whatever their
 * order. Each item carries what the council needs to judge it: the current stage and whether the lead
 * meets its entry criteria (every comparison in words), its SLA clocks, its disposition with the
 * reason's label, action and detail, and the routing — who today's rules would assign, with the trace,
 * against the owner it has.
 *
 * @param leads - The leads.
 * @param options - {@link SampleForReviewOptions}: `agreement`, `now` (required), `n`, `seed`, `stratifyBy`, `from`/`to`, `activities`, `accounts`.
 * @returns {@link ReviewSample}.
 * @throws {AccordError} `invalid_argument` for an `n` that is not a whole number from 1 to 1000.
 *
 * @example
 * const review = sampleForReview(leads, { agreement, now, n: 20, seed: 202648, from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z', activities })
 * review.strata //=> [{ key: 'accepted', population: 61, sampled: 9 }, { key: 'rejected:competitor', population: 8, sampled: 2 }, …]
 */
export function sampleForReview(leads: readonly Lead[], options: SampleForReviewOptions): ReviewSample {
  const { agreement } = options;
  const n = options.n ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw accordError([
      { code: 'invalid_argument', path: ['n'], detail: `n must be a whole number from 1 to 1000, got ${n}.` },
    ]);
  const seed = options.seed ?? 1;
  const stratifyBy = options.stratifyBy ?? 'disposition';
  const now = options.now instanceof Date ? options.now.getTime() : toEpochMs(options.now);
  const from = options.from === undefined ? Number.NEGATIVE_INFINITY : toEpochMs(options.from);
  const to = options.to === undefined ? Number.POSITIVE_INFINITY : toEpochMs(options.to);
  for (const [name, value] of [
    ['now', now],
    ['from', from],
    ['to', to],
  ] as const)
    if (Number.isNaN(value))
      throw accordError([{ code: 'invalid_argument', path: [name], detail: `${name} is not a valid instant.` }]);

  const reasons = new Map((agreement.dispositions ?? []).map((r) => [r.id, r]));
  const acceptedAt = agreement.stages.find((s) => s.owner === 'sales' && (s.kind ?? 'open') === 'open')?.id;
  const strata = new Map<string, Lead[]>();
  for (const lead of leads) {
    let key: string | null;
    let at: number | null = null;
    if (stratifyBy === 'disposition') {
      if (lead.disposition) {
        key = `rejected:${lead.disposition.reasonId}`;
        at = toEpochMs(lead.disposition.at);
      } else if (acceptedAt && lead.stageDates?.[acceptedAt] !== undefined) {
        key = 'accepted';
        at = toEpochMs(lead.stageDates[acceptedAt]);
      } else key = null;
    } else {
      key = fieldOf(lead, stratifyBy);
      at = toEpochMs(lead.createdAt);
    }
    if (key === null || at === null || !(at >= from && at < to)) continue;
    const list = strata.get(key) ?? [];
    list.push(lead);
    strata.set(key, list);
  }
  const keys = [...strata.keys()].sort((a, b) =>
    a === 'accepted' ? -1 : b === 'accepted' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const quota = allocate(
    keys.map((k) => [k, strata.get(k)?.length ?? 0]),
    n,
  );

  const random = createRandom(seed);
  const accounts = options.accounts ? createAccountDirectory(options.accounts) : undefined;
  const activities = options.activities ?? [];
  const items: ReviewItem[] = [];
  const summary: ReviewSample['strata'] = [];
  for (const key of keys) {
    const pool = [...(strata.get(key) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const want = quota.get(key) ?? 0;
    // A partial Fisher–Yates shuffle: the first `want` places are a uniform draw without replacement.
    for (let i = 0; i < want; i++) {
      const j = i + Math.floor(random.next() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as Lead, pool[i] as Lead];
    }
    const drawn = pool.slice(0, want).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    summary.push({ key, population: pool.length, sampled: drawn.length });
    for (const lead of drawn) items.push(explain(lead, key));
  }
  return {
    seed,
    stratifyBy,
    population: keys.reduce((s, k) => s + (strata.get(k)?.length ?? 0), 0),
    strata: summary,
    items,
  };

  function explain(lead: Lead, stratum: string): ReviewItem {
    const life = deriveLifecycle(lead, agreement, { now });
    const stage = life.current ? agreement.stages.find((s) => s.id === life.current) : undefined;
    const verdict = stage?.entry ? evaluateCriteria(lead, stage.entry, { now }) : undefined;
    const { statuses } = evaluateLeadSlas(lead, activities, agreement, { now });
    const reason = lead.disposition ? reasons.get(lead.disposition.reasonId) : undefined;
    const route = routeLead(lead, createRoutingState(), agreement, { now, ...(accounts && { accounts }) });
    const pool = route.poolId ? agreement.routing?.pools.find((p) => p.id === route.poolId) : undefined;
    const expectedIds = pool ? pool.members.map((m) => m.userId) : [route.assignee.id];
    const owner = lead.ownerId ?? null;
    return {
      leadId: lead.id,
      stratum,
      source: lead.source ?? null,
      ownerId: owner,
      stage: { id: life.current ?? null, label: stage?.label ?? null, since: life.currentSince ?? null },
      criteria: verdict ? { passed: verdict.passed, reasons: verdict.reasons.map((r) => r.message) } : null,
      slas: statuses.map((s) => ({
        slaId: s.slaId,
        label: s.label,
        side: s.side,
        kind: s.kind,
        state: s.state,
        elapsedMinutes: Math.round(s.elapsedMinutes * 10) / 10,
        targetMinutes: s.targetMinutes,
      })),
      disposition: lead.disposition
        ? {
            reasonId: lead.disposition.reasonId,
            label: reason?.label ?? lead.disposition.reasonId,
            action: reason?.action ?? null,
            detail: lead.disposition.detail ?? null,
            at: toEpochMs(lead.disposition.at),
            by: lead.disposition.by ?? null,
          }
        : null,
      routing: {
        ownerId: owner,
        expected: pool ? `pool ${pool.id} (${expectedIds.join(', ')})` : `${route.assignee.type} ${route.assignee.id}`,
        ruleId: route.ruleId,
        agrees: owner === null || route.assignee.type === 'queue' ? null : expectedIds.includes(owner),
        trace: route.trace.map((t) => t.message),
      },
    };
  }
}
