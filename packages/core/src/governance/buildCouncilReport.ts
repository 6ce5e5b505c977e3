import { toEpochMs } from '../_lib/instant';
import type { Agreement, CouncilDecision, Team } from '../agreement/agreement.types';
import { computeRejectMix } from '../dispositions/computeRejectMix';
import { accordError } from '../errors/errorMap';
import type { RawIssue } from '../errors/errors.types';
import { dimensionPath } from '../metrics/_columns';
import { defaultScorecardMetrics, describeMetric } from '../metrics/listMetrics';
import type { MetricInfo } from '../metrics/metrics.types';
import type { Activity, Lead, RecordKind } from '../records/records.types';
import { validateRecords } from '../records/validateRecords';
import { auditRouting } from '../routing/auditRouting';
import { createAccountDirectory } from '../routing/createAccountDirectory';
import { previousPeriod, resolvePeriod } from '../scorecard/_periods';
import { computeScorecard } from '../scorecard/computeScorecard';
import type { MetricValue, ScorecardData, ScorecardResult } from '../scorecard/scorecard.types';
import { instantArg } from '../sla/_instantArg';
import { evaluateLeadSlas } from '../sla/evaluateLeadSlas';
import type { SlaStatus } from '../sla/sla.types';
import { type SlaTally, summarizeSlas } from '../sla/summarizeSlas';
import type {
  BuildCouncilReportOptions,
  CouncilDecisionDue,
  CouncilDecisions,
  CouncilFloors,
  CouncilMetric,
  CouncilMover,
  CouncilOffTarget,
  CouncilRejects,
  CouncilReport,
  CouncilRouting,
  CouncilSlas,
  CouncilSlaTeam,
  CouncilUnit,
} from './council.types';

/**
 * The default floors. A ratio is measured against at least 5 percentage points, so a breach rate going
 * from 1 % to 3 % scores 0.4 rather than 2; a count against at least 20, money against 1,000 of the
 * currency (in minor units), durations against a day, an hour or half an hour.
 */
const DEFAULT_FLOORS: CouncilFloors = {
  ratio: 0.05,
  count: 20,
  money: 100_000,
  days: 1,
  hours: 1,
  minutes: 30,
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const NONE = '(none)';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `2026-07` for `2026-08-05`: the last whole month before a day. */
function monthBefore(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Sums tallies (both sides of a team) and recomputes the breach rate. */
function addTallies(...tallies: readonly SlaTally[]): SlaTally {
  const t: SlaTally = { started: 0, open: 0, met: 0, breached: 0, breachRate: null };
  for (const x of tallies) {
    t.started += x.started;
    t.open += x.open;
    t.met += x.met;
    t.breached += x.breached;
  }
  t.breachRate = t.met + t.breached === 0 ? null : t.breached / (t.met + t.breached);
  return t;
}

/** A scorecard cell as the council reads it. */
function councilMetric(info: MetricInfo, cell: MetricValue | undefined): CouncilMetric {
  return {
    id: info.id,
    label: info.label,
    unit: info.unit,
    direction: info.direction,
    owner: info.owner,
    value: cell?.value ?? null,
    ...(cell?.numerator !== undefined && { numerator: cell.numerator }),
    ...(cell?.denominator !== undefined && { denominator: cell.denominator }),
    target: info.target ?? null,
    status: cell?.status ?? null,
    previous: cell?.previous ?? null,
    change: cell?.change ?? null,
  };
}

/**
 * The movers rule: a metric moved by `change = value − previous`, scored `change ÷ max(|previous|,
 * floor)` — a relative change, so a conversion rate (a fraction), a lead count and a pipeline in
 * cents compare, with the unit's floor as the smallest base so tiny bases cannot dominate. Metrics
 * without both values, or that did not move, are left out; the largest absolute score first, ties by id.
 */
function rankMovers(metrics: readonly CouncilMetric[], floors: CouncilFloors, limit: number): CouncilMover[] {
  const movers: CouncilMover[] = [];
  for (const m of metrics) {
    if (m.value === null || m.previous === null || m.change === null || m.change === 0) continue;
    const floor = floors[m.unit];
    const relativeChange = m.change / Math.max(Math.abs(m.previous), floor);
    movers.push({
      id: m.id,
      label: m.label,
      unit: m.unit,
      direction: m.direction,
      value: m.value,
      previous: m.previous,
      change: m.change,
      relativeChange,
      ...(m.denominator !== undefined && { denominator: m.denominator }),
      floor,
      effect: m.change > 0 === (m.direction === 'higher') ? 'good' : 'bad',
    });
  }
  movers.sort((a, b) => Math.abs(b.relativeChange) - Math.abs(a.relativeChange) || byId(a, b));
  return movers.slice(0, limit);
}

/**
 * The off-target rule: a metric with a target and a value that misses it, by
 * `|value − limit| ÷ max(|limit|, floor)` where `limit` is the bound it misses (below `min`, above
 * `max`) — the same relative yardstick as the movers, with the floor guarding targets of 0. Largest
 * margin first, ties by id.
 */
function rankOffTarget(metrics: readonly CouncilMetric[], floors: CouncilFloors): CouncilOffTarget[] {
  const out: CouncilOffTarget[] = [];
  for (const m of metrics) {
    if (m.status !== 'missed' || m.value === null || m.target === null) continue;
    const { min, max } = m.target;
    const bound: 'min' | 'max' = min !== undefined && m.value < min ? 'min' : 'max';
    const limit = (bound === 'min' ? min : max) as number;
    const floor = floors[m.unit];
    const gap = m.value - limit;
    out.push({
      id: m.id,
      label: m.label,
      unit: m.unit,
      direction: m.direction,
      value: m.value,
      target: m.target,
      bound,
      limit,
      gap,
      margin: Math.abs(gap) / Math.max(Math.abs(limit), floor),
      floor,
    });
  }
  out.sort((a, b) => b.margin - a.margin || byId(a, b));
  return out;
}

/** The routing pool of each owner: the first pool, in the agreement's order, that lists them. */
function poolOfOwner(agreement: Agreement): Map<string, string> {
  const out = new Map<string, string>();
  for (const pool of agreement.routing?.pools ?? [])
    for (const member of pool.members) if (!out.has(member.userId)) out.set(member.userId, pool.id);
  return out;
}

/**
 * Whether an (unvalidated) lead was created, entered a stage or was dispositioned in [from, to): the
 * only leads the month's SLA, reject and routing sections can count.
 */
function touchesMonth(row: unknown, period: { from: number; to: number }): boolean {
  if (typeof row !== 'object' || row === null) return false;
  const lead = row as { createdAt?: unknown; stageDates?: unknown; disposition?: { at?: unknown } };
  const inMonth = (at: unknown) => {
    const t = toEpochMs(at);
    return t >= period.from && t < period.to;
  };
  if (inMonth(lead.createdAt) || inMonth(lead.disposition?.at)) return true;
  return (
    typeof lead.stageDates === 'object' && lead.stageDates !== null && Object.values(lead.stageDates).some(inMonth)
  );
}

/** Whether any stage date of the lead falls in [from, to): a clock can only start on one. */
function entersStageIn(lead: Lead, from: number, to: number): boolean {
  for (const at of Object.values(lead.stageDates ?? {})) {
    const t = toEpochMs(at);
    if (t >= from && t < to) return true;
  }
  return false;
}

/**
 * @name buildCouncilReport
 * @category Governance
 * @summary The monthly funnel council's report: the scorecard against targets and the previous month,
 * the biggest movers, SLA breaches by side and team, reject reasons by source, misroutes, the decisions
 * due for review, and the one metric furthest off target.
 *
 * @description
 * The month is read in the agreement's time zone, with the scorecard's own period machinery
 * (`period: '2026-10'`, `compareTo: 'previous'`), so every number matches `computeScorecard` for the
 * same month. Each section says which records belong to the month, on the scorecard's anchors:
 *
 * - **Scorecard**: the default scorecard (or `metrics`), each metric with its value, target, status,
 *   previous month's value and the change (percentage points, as a fraction, for ratios).
 * - **Off target / headline**: every metric with a target whose value misses it, ranked by the relative
 *   margin `|value − limit| ÷ max(|limit|, floor)` (`limit` is the missed `min` or `max`; the unit's
 *   floor keeps a target of 0 finite); ties by id. The first is the headline. Metrics without a value
 *   this month cannot miss.
 * - **Movers**: metrics ranked by `|change| ÷ max(|previous|, floor)` — a relative change with a
 *   minimum base per unit (see `floors`), so a 4-point drop in a 60 % conversion (0.067), a fall from
 *   400 to 300 leads (0.25) and a pipeline change compare fairly, and 1 → 3 leads (0.1 with the count
 *   floor of 20) does not outrank them. Each is `good` or `bad` by the metric's direction. Top
 *   `moverLimit` (5), ties by id.
 * - **SLA breaches**: the clocks that *started* in the month (the anchor of the scorecard's SLA breach
 *   rates), every lead's SLAs evaluated at `asOf` with its own activities: overdue open clocks count as
 *   breached. Tallied by side, by SLA and by team — the lead's `teamId`, else the routing pool its owner
 *   is a member of (the first in the agreement's order), else `(none)`. The sides' breach rates equal
 *   the scorecard's `sla_breach_rate.sales` / `.marketing` for the month.
 * - **Reject reasons**: the dispositions recorded in the month (`disposition.at`), by `groupBy`
 *   (source), as `computeRejectMix` rows, totals first.
 * - **Misroutes**: the leads created in the month (the `misroute_rate` anchor), audited by
 *   `auditRouting` at `asOf` with the accounts; the rate and the first `misrouteLimit` (10), oldest first.
 * - **Decisions**: open decisions (status absent or `open`) whose `reviewOn` falls in the month
 *   (`due`) or before it (`overdue`: a past council should have reviewed them), overdue first, then by
 *   review date and id. A decision that names a metric carries the metric this month against its
 *   target, and its `baseline`: the value in the last whole month before the decision date, what the
 *   council saw when it decided. Open decisions without a review date are listed as `unscheduled`.
 *
 * Pure and deterministic: the same data, agreement and options give the same report, whatever the
 * records' order. Invalid and duplicate records are left out of every section and reported (`issues`)
 * — the very records the scorecard leaves out.
 *
 * @param data - Leads (required), opportunities, activities, touchpoints, spend and accounts, as for the scorecard.
 * @param agreement - The agreement: definitions, targets, routing and the decision log.
 * @param options - `month` and `asOf` (required), `metrics`, `groupBy`, `moverLimit`, `misrouteLimit`, `floors`, `mode`.
 * @returns {@link CouncilReport}.
 * @throws {AccordError} `invalid_argument` for a month that is not `YYYY-MM`, one that starts after
 * `asOf`, an unknown `groupBy`, a limit or floor out of range; `invalid_instant` for `asOf`;
 * `unknown_metric` for a metric option or a decision's metric the agreement does not define.
 *
 * @example
 * const report = buildCouncilReport(data, agreement, { month: '2026-10', asOf: '2026-11-01T04:00:00Z' })
 * report.headline //=> { id: 'sla.demo_request_first_touch.breach_rate', value: 0.286, bound: 'max', limit: 0.05, gap: 0.236, margin: 4.71, … }
 * report.movers.map((m) => `${m.id} ${m.effect}`) //=> ['win_rate good', 'average_deal_size bad', 'conversion.sql.opportunity bad', …]
 * report.slas.byTeam[0] //=> { team: 'na_sales', bySide: { sales: { breached: 28, breachRate: 0.139, … }, marketing: { … } }, total: { … } }
 * report.decisions.due[0] //=> { decision: { id: 'D-3', owner: 'Marketing ops', metric: 'conversion.mql.sal', reviewOn: '2026-09-20', … }, timing: 'overdue', metric: { value: 0.639, status: 'met', baseline: { month: '2026-06', value: 0.651 }, sinceDecision: -0.011, … } }
 */
export function buildCouncilReport(
  data: ScorecardData,
  agreement: Agreement,
  options: BuildCouncilReportOptions,
): CouncilReport {
  const { errorMap } = options;
  const fail = (path: (string | number)[], detail: string): never => {
    throw accordError([{ code: 'invalid_argument', path, detail }], errorMap);
  };
  const zone = agreement.timezone;
  const month = options.month;
  if (typeof month !== 'string' || !MONTH.test(month))
    fail(['month'], `Expected a month written YYYY-MM (such as 2026-10), got "${String(month).slice(0, 20)}".`);
  const asOf = instantArg(options.asOf, 'asOf');
  const period = resolvePeriod(month, zone) ?? fail(['month'], `Cannot read the month "${month}".`);
  if (period.from >= asOf)
    fail(
      ['month'],
      `The month ${month} has not started at asOf (${new Date(asOf).toISOString()}): there is nothing to review yet.`,
    );
  const previous = previousPeriod(month, period, zone);
  const groupBy = options.groupBy ?? 'source';
  const groupPath =
    dimensionPath(groupBy) ??
    fail(
      ['groupBy'],
      `Unknown dimension "${groupBy}": use source, campaign, segment, region, country, owner, team, account, company or attributes.<name>.`,
    );
  const limit = (name: 'moverLimit' | 'misrouteLimit', fallback: number, min: number, max: number) => {
    const n = options[name] ?? fallback;
    if (!Number.isInteger(n) || n < min || n > max)
      fail([name], `${name} must be a whole number from ${min} to ${max}, got ${n}.`);
    return n;
  };
  const moverLimit = limit('moverLimit', 5, 1, 50);
  const misrouteLimit = limit('misrouteLimit', 10, 0, 1000);
  const floors: Record<CouncilUnit, number> = { ...DEFAULT_FLOORS };
  for (const [unit, value] of Object.entries(options.floors ?? {})) {
    if (!Object.hasOwn(DEFAULT_FLOORS, unit))
      fail(['floors', unit], `Unknown unit "${unit}": use ratio, count, money, days, hours or minutes.`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      fail(['floors', unit], `A floor must be a positive number, got ${String(value)}.`);
    floors[unit as CouncilUnit] = value as number;
  }

  // Decisions first: a decision watching a metric the agreement does not define is the agreement's fault.
  const decisions = agreement.decisions ?? [];
  const unknownMetrics: RawIssue[] = [];
  decisions.forEach((d, i) => {
    if (d.metric !== undefined && describeMetric(d.metric, agreement) === undefined)
      unknownMetrics.push({ code: 'unknown_metric', path: ['decisions', i, 'metric'], metricId: d.metric });
  });
  if (unknownMetrics.length > 0) throw accordError(unknownMetrics, errorMap);
  const due: { decision: CouncilDecision; timing: 'due' | 'overdue' }[] = [];
  const unscheduled: string[] = [];
  let open = 0;
  for (const d of decisions) {
    if ((d.status ?? 'open') !== 'open') continue;
    open++;
    if (d.reviewOn === undefined) unscheduled.push(d.id);
    else if (d.reviewOn.slice(0, 7) <= month)
      due.push({ decision: d, timing: d.reviewOn.slice(0, 7) === month ? 'due' : 'overdue' });
  }
  due.sort(
    (a, b) =>
      (a.timing === b.timing ? 0 : a.timing === 'overdue' ? -1 : 1) ||
      ((a.decision.reviewOn as string) < (b.decision.reviewOn as string)
        ? -1
        : (a.decision.reviewOn as string) > (b.decision.reviewOn as string)
          ? 1
          : 0) ||
      byId(a.decision, b.decision),
  );
  unscheduled.sort();

  // The scorecard: the council's metrics, plus those the due decisions watch (looked up, not listed).
  const ids = [...new Set(options.metrics ?? defaultScorecardMetrics(agreement))];
  const watched = [...new Set(due.flatMap((d) => (d.decision.metric === undefined ? [] : [d.decision.metric])))];
  const card = computeScorecard(data, {
    agreement,
    metrics: [...ids, ...watched.filter((id) => !ids.includes(id))],
    period: month,
    compareTo: 'previous',
    asOf,
    ...(options.mode && { mode: options.mode }),
    ...(errorMap && { errorMap }),
  });
  const infoOf = new Map(card.metrics.map((m) => [m.id, m]));
  const metricOf = (id: string) => councilMetric(infoOf.get(id) as MetricInfo, card.totals.metrics[id]);
  const metrics = ids.map(metricOf);
  const offTarget = rankOffTarget(metrics, floors);

  // Records for the sections the scorecard does not break down: exactly those it kept (not in its
  // `skipped`), and of the leads only the ones that touch the month — created, entering a stage (where
  // every SLA clock starts) or dispositioned in it — with their activities.
  const kept = <T>(kind: RecordKind, rows: readonly T[] | undefined, keep: (row: T) => boolean = () => true) => {
    const left = new Set(card.skipped.filter((x) => x.kind === kind).map((x) => x.index));
    return (rows ?? []).filter((row, i) => !left.has(i) && keep(row));
  };
  const leads = validateRecords(
    'leads',
    kept('leads', data.leads, (l) => touchesMonth(l, period)),
  ).records;
  const leadIds = new Set(leads.map((l) => l.id));
  const activities = validateRecords(
    'activities',
    kept('activities', data.activities, (a) => leadIds.has((a as { leadId?: unknown })?.leadId as string)),
  ).records;
  const accounts = validateRecords('accounts', kept('accounts', data.accounts)).records;

  return {
    agreement: { id: agreement.id, version: agreement.version, name: agreement.name ?? null },
    timezone: zone,
    month: { label: period.label, from: period.from, to: period.to, complete: period.to <= asOf },
    previousMonth: { label: previous.label, from: previous.from, to: previous.to },
    asOf: new Date(asOf).toISOString(),
    headline: offTarget[0] ?? null,
    offTarget,
    scorecard: {
      metrics,
      met: metrics.filter((m) => m.status === 'met').length,
      missed: metrics.filter((m) => m.status === 'missed').length,
      noValue: metrics.filter((m) => m.target !== null && m.value === null).length,
    },
    movers: rankMovers(metrics, floors, moverLimit),
    slas: slaSection(leads, activities, agreement, period, asOf),
    rejects: rejectSection(leads, agreement, period, groupBy, groupPath),
    routing: agreement.routing ? routingSection(leads, accounts, agreement, period, asOf, misrouteLimit) : null,
    decisions: decisionSection(due, unscheduled, open, metricOf, card, data, agreement, options, asOf),
    floors,
    issues: [...card.issues],
    warnings: [...card.warnings],
  };
}

/** SLA clocks started in the month, by side, SLA and team. */
function slaSection(
  leads: readonly Lead[],
  activities: readonly Activity[],
  agreement: Agreement,
  period: { from: number; to: number },
  asOf: number,
): CouncilSlas {
  const activitiesOf = new Map<string, Activity[]>();
  for (const a of activities) {
    const list = activitiesOf.get(a.leadId);
    if (list) list.push(a);
    else activitiesOf.set(a.leadId, [a]);
  }
  const pools = poolOfOwner(agreement);
  const all: SlaStatus[] = [];
  const byTeam = new Map<string, SlaStatus[]>();
  for (const lead of leads) {
    // Without stage events, a clock starts on a stage date: a lead with none in the month starts none.
    if (!entersStageIn(lead, period.from, period.to)) continue;
    const { statuses } = evaluateLeadSlas(lead, activitiesOf.get(lead.id) ?? [], agreement, { now: asOf });
    const started = statuses.filter(
      (s) => s.state !== 'not_started' && s.startedAt !== null && s.startedAt >= period.from && s.startedAt < period.to,
    );
    if (started.length === 0) continue;
    const team =
      lead.teamId !== undefined && lead.teamId !== ''
        ? lead.teamId
        : ((lead.ownerId !== undefined ? pools.get(lead.ownerId) : undefined) ?? NONE);
    all.push(...started);
    const list = byTeam.get(team);
    if (list) list.push(...started);
    else byTeam.set(team, started);
  }
  const summary = summarizeSlas(all);
  const teams: CouncilSlaTeam[] = [...byTeam.entries()].map(([team, statuses]) => {
    const bySide = summarizeSlas(statuses).bySide;
    return { team, bySide, total: addTallies(...(['sales', 'marketing'] as Team[]).map((s) => bySide[s])) };
  });
  teams.sort(
    (a, b) =>
      (a.team === NONE ? 1 : 0) - (b.team === NONE ? 1 : 0) ||
      b.total.breached - a.total.breached ||
      (a.team < b.team ? -1 : a.team > b.team ? 1 : 0),
  );
  // Order the per-SLA rows as the agreement lists the SLAs, whatever order the leads came in.
  const order = new Map((agreement.slas ?? []).map((s, i) => [s.id, i]));
  const bySla = [...summary.bySla].sort(
    (a, b) => (order.get(a.slaId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.slaId) ?? Number.MAX_SAFE_INTEGER),
  );
  return { clocks: all.length, bySide: summary.bySide, bySla, byTeam: teams };
}

/** The reject-reason mix of the month's dispositions. */
function rejectSection(
  leads: readonly Lead[],
  agreement: Agreement,
  period: { from: number; to: number },
  by: string,
  path: string,
): CouncilRejects {
  const inMonth = leads.filter((lead) => {
    if (!lead.disposition) return false;
    const at = toEpochMs(lead.disposition.at);
    return at >= period.from && at < period.to;
  });
  const rows = computeRejectMix(inMonth, { by: path });
  const known = agreement.dispositions ?? [];
  const reasons: CouncilRejects['reasons'] = known.map((r) => ({ id: r.id, label: r.label, action: r.action }));
  const unknown = Object.keys(rows[0]?.counts ?? {})
    .filter((id) => !known.some((r) => r.id === id))
    .sort();
  for (const id of unknown) reasons.push({ id, label: id, action: null });
  return { by, dispositions: inMonth.length, reasons, rows };
}

/** The routing audit of the leads created in the month. */
function routingSection(
  leads: readonly Lead[],
  accounts: Parameters<typeof createAccountDirectory>[0],
  agreement: Agreement,
  period: { from: number; to: number },
  asOf: number,
  limit: number,
): CouncilRouting {
  const created = new Map<string, number>();
  const inMonth = leads.filter((lead) => {
    const at = toEpochMs(lead.createdAt);
    if (!(at >= period.from && at < period.to)) return false;
    created.set(lead.id, at);
    return true;
  });
  const audit = auditRouting(inMonth, agreement, { now: asOf, accounts: createAccountDirectory(accounts) });
  const misroutes = audit.misroutes
    .map((m) => ({ ...m, createdAt: created.get(m.leadId) as number }))
    .sort((a, b) => a.createdAt - b.createdAt || (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
  return {
    leads: inMonth.length,
    checked: audit.checked,
    misrouted: audit.misroutes.length,
    misrouteRate: audit.misrouteRate,
    unassigned: audit.unassigned,
    queueRouted: audit.queueRouted,
    misroutes: misroutes.slice(0, limit),
  };
}

/** The due decisions with their metrics now and at their baseline month. */
function decisionSection(
  due: readonly { decision: CouncilDecision; timing: 'due' | 'overdue' }[],
  unscheduled: string[],
  open: number,
  metricOf: (id: string) => CouncilMetric,
  card: ScorecardResult,
  data: ScorecardData,
  agreement: Agreement,
  options: BuildCouncilReportOptions,
  asOf: number,
): CouncilDecisions {
  // One scorecard per baseline month (the previous month's values are already in the card).
  const wanted = new Map<string, Set<string>>();
  for (const { decision } of due) {
    if (decision.metric === undefined) continue;
    const month = monthBefore(decision.date);
    if (month === card.previousPeriod?.label) continue;
    const set = wanted.get(month) ?? new Set<string>();
    set.add(decision.metric);
    wanted.set(month, set);
  }
  const baselines = new Map<string, ScorecardResult>();
  for (const [month, ids] of wanted)
    baselines.set(
      month,
      computeScorecard(data, {
        agreement,
        metrics: [...ids],
        period: month,
        asOf,
        ...(options.mode && { mode: options.mode }),
        ...(options.errorMap && { errorMap: options.errorMap }),
      }),
    );
  const items: CouncilDecisionDue[] = due.map(({ decision, timing }) => {
    if (decision.metric === undefined) return { decision, timing, metric: null };
    const now = metricOf(decision.metric);
    const month = monthBefore(decision.date);
    const base =
      month === card.previousPeriod?.label
        ? now.previous
        : (baselines.get(month)?.totals.metrics[decision.metric]?.value ?? null);
    return {
      decision,
      timing,
      metric: {
        ...now,
        baseline: { month, value: base },
        sinceDecision: now.value === null || base === null ? null : now.value - base,
      },
    };
  });
  return { due: items, unscheduled, open };
}
