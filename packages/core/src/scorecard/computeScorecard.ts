import type { Agreement, MetricExpression } from '../agreement/agreement.types';
import { AccordError } from '../errors/AccordError';
import { finalizeIssues } from '../errors/errorMap';
import type { AccordIssue, RawIssue } from '../errors/errors.types';
import { buildColumnar, type Columnar, dimensionPath } from '../metrics/_columns';
import { collectNodes, type ExecutionResult, execute, type Grouping } from '../metrics/_execute';
import { type Formula, type PlanNode, type ResolvedMetric, resolveMetric } from '../metrics/_plan';
import { defaultScorecardMetrics } from '../metrics/listMetrics';
import type { MetricInfo, MetricView } from '../metrics/metrics.types';
import type { RecordKind } from '../records/records.types';
import { validateRecords } from '../records/validateRecords';
import { instantArg } from '../sla/_instantArg';
import { type Period, periodsOf, previousPeriod, resolvePeriod } from './_periods';
import type {
  ComputeScorecardOptions,
  MetricValue,
  ScorecardData,
  ScorecardResult,
  ScorecardRow,
} from './scorecard.types';
import type { DurationPair, ScorecardEngine, ScorecardInput } from './scorecardEngine.types';

interface Prepared {
  columnar: Columnar;
  issues: readonly AccordIssue[];
  warnings: readonly AccordIssue[];
  skipped: { kind: RecordKind; index: number }[];
  inputs: readonly unknown[];
  excluded: Map<string, number>;
}

// The columnar form, cached by the identity of the leads array, the agreement and asOf.
const cache = new WeakMap<object, WeakMap<object, Map<string, Prepared>>>();

/**
 * @name computeScorecard
 * @category Scorecard
 * @summary The shared scorecard: every metric of the dictionary, grouped by any dimensions, per period,
 * as a cohort or a period view, against targets — one definition for every screen.
 *
 * @description
 * Validates the records once (lenient: the valid ones are used and every skipped one is reported;
 * strict: throws), turns them into typed-array columns with dictionary-encoded group keys — cached by
 * the identity of the arrays, so repeated calls on the same data only aggregate — and runs the metrics'
 * logical plan on a columnar executor. Ratios carry their numerator and denominator and are `null` on
 * an empty denominator; quantiles are exact (R-7, as DuckDB's `quantile_cont`); money is in minor units.
 * A lead with stage dates in an impossible order still counts for every stage it reached; its negative
 * durations are left out of duration metrics, and both are reported.
 *
 * @param data - Leads (required), opportunities, activities, touchpoints, spend, accounts.
 * @param options - Agreement, metrics, groupBy, grain, view, period, compareTo, asOf, mode.
 * @returns Rows per group (and period), totals, the metrics' dictionary entries and every issue.
 *
 * @example
 * const card = computeScorecard(sample, { agreement: defaultAgreement, groupBy: ['source'], asOf: sample.asOf })
 * card.totals.metrics['conversion.mql.sal'] //=> { value: 0.61, numerator: 1830, denominator: 3000, target: { min: 0.6 }, status: 'met' }
 */
export function computeScorecard(data: ScorecardData, options: ComputeScorecardOptions): ScorecardResult {
  const steps = scorecardSteps(options);
  let prepared: Prepared | undefined;
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    prepared ??= prepare(data, options.agreement, step.asOf, options);
    next = steps.next(answerInMemory(prepared, step));
  }
  return next.value;
}

/** Answers one step of {@link scorecardSteps} over the in-memory columnar form. */
function answerInMemory(prepared: Prepared, step: ScorecardStep): unknown {
  switch (step.kind) {
    case 'input':
      return { issues: prepared.issues, warnings: prepared.warnings, skipped: prepared.skipped };
    case 'bounds':
      return bounds(prepared.columnar);
    case 'execute':
      return execute(prepared.columnar, step.grouping, step.nodes);
    case 'excluded':
      return step.durations.map((d) => negativeDurations(prepared, d));
  }
}

/**
 * @name computeScorecardWith
 * @category Scorecard
 * @summary The shared scorecard on another engine (a SQL warehouse): the same plan, the same formulas,
 * targets, comparison and totals; only the aggregates run where the data lives.
 *
 * @description
 * The engine answers four questions: what the input's issues are, the span of its instants, the
 * plan's aggregate nodes per group × period, and how many negative durations a duration metric leaves
 * out. Everything else — resolving metrics, periods in the agreement's time zone, ratios, expressions,
 * targets, the previous period, ordering — is the same code as {@link computeScorecard}.
 *
 * @example
 * const card = await computeScorecardWith(engine, { agreement, asOf: '2026-06-30T00:00:00Z', groupBy: ['source'] })
 */
export async function computeScorecardWith(
  engine: ScorecardEngine,
  options: ComputeScorecardOptions,
): Promise<ScorecardResult> {
  const steps = scorecardSteps(options);
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    let answer: unknown;
    switch (step.kind) {
      case 'input':
        answer = await engine.input(step.asOf);
        break;
      case 'bounds':
        answer = await engine.bounds(step.asOf);
        break;
      case 'execute':
        answer = await engine.execute(step.grouping, step.nodes, step.asOf);
        break;
      case 'excluded':
        answer = await engine.excluded(step.durations, step.asOf);
        break;
    }
    next = steps.next(answer);
  }
  return next.value;
}

/** A question the scorecard asks its engine; see {@link ScorecardEngine}. */
type ScorecardStep =
  | { kind: 'input'; asOf: number }
  | { kind: 'bounds'; asOf: number }
  | { kind: 'execute'; asOf: number; grouping: Grouping; nodes: readonly PlanNode[] }
  | { kind: 'excluded'; asOf: number; durations: readonly DurationPair[] };

/**
 * The scorecard as a sequence of questions to an engine. The in-memory driver answers them at once;
 * the async driver awaits a warehouse. One definition of everything that is not an aggregate.
 */
function* scorecardSteps(options: ComputeScorecardOptions): Generator<ScorecardStep, ScorecardResult, unknown> {
  const { agreement } = options;
  const asOf = instantArg(options.asOf, 'asOf');
  const argument = (detail: string, path: (string | number)[]) => {
    throw new AccordError(finalizeIssues([{ code: 'invalid_argument', path, detail }], options.errorMap));
  };

  // Options first: unknown metrics, dimensions and periods are the caller's mistake.
  const ids = [...(options.metrics ?? defaultScorecardMetrics(agreement))];
  const resolved = new Map<string, ResolvedMetric>();
  const unknown: RawIssue[] = [];
  const resolve = (id: string, path: (string | number)[]): ResolvedMetric | undefined => {
    const hit = resolved.get(id);
    if (hit) return hit;
    const r = resolveMetric(id, agreement);
    if (!r) {
      unknown.push({ code: 'unknown_metric', path, metricId: id });
      return undefined;
    }
    resolved.set(id, r);
    return r;
  };
  for (let i = 0; i < ids.length; i++) resolve(ids[i] as string, ['metrics', i]);
  if (unknown.length > 0) throw new AccordError(finalizeIssues(unknown, options.errorMap));
  const groupBy = [...(options.groupBy ?? [])];
  groupBy.forEach((dim, i) => {
    if (dimensionPath(dim) === undefined)
      argument(
        `unknown dimension "${dim}": use source, campaign, segment, region, country, owner, team, account, company or attributes.<name>`,
        ['groupBy', i],
      );
  });
  if (new Set(groupBy).size !== groupBy.length) argument('a dimension is listed twice', ['groupBy']);
  const zone = agreement.timezone;
  let period: Period | null = null;
  if (options.period !== undefined) {
    period = resolvePeriod(options.period, zone) ?? null;
    if (!period) argument('expected 2026, 2026-03, 2026-Q1, 2026-03-02 or { from, to } with from < to', ['period']);
  }
  if (options.compareTo && !period) argument('compareTo needs a period', ['compareTo']);
  const weekStartsOn = options.weekStartsOn ?? 1;

  const input = (yield { kind: 'input', asOf }) as {
    issues: readonly AccordIssue[];
    warnings: readonly AccordIssue[];
    skipped: { kind: RecordKind; index: number }[];
  };
  // Another engine reports its input here; strict mode stops on it as the in-memory one does.
  if (options.mode === 'strict' && input.issues.length + input.warnings.length > 0)
    throw new AccordError([...input.issues, ...input.warnings]);
  let span: [number, number] | undefined;

  function* run(range: Period | null): Generator<ScorecardStep, Run, unknown> {
    if (options.grain && !range && span === undefined) span = (yield { kind: 'bounds', asOf }) as [number, number];
    const periods = options.grain
      ? periodsOf(
          ...(range ? ([range.from, range.to] as const) : (span as [number, number])),
          options.grain,
          zone,
          weekStartsOn,
          range !== null,
        )
      : range
        ? [range]
        : null;
    const formulas = new Map<string, Formula>();
    const addFormula = (id: string): Formula => {
      let f = formulas.get(id);
      if (f) return f;
      const r = resolve(id, ['metrics']) as ResolvedMetric;
      f = r.formula(options.view ?? r.info.view, asOf);
      formulas.set(id, f);
      if (f.kind === 'expression') for (const ref of expressionRefs(f.expression)) addFormula(ref);
      return f;
    };
    for (const id of ids) addFormula(id);
    if (unknown.length > 0) throw new AccordError(finalizeIssues(unknown, options.errorMap));
    const nodes: PlanNode[] = [];
    for (const f of formulas.values()) collectNodes(f, nodes);
    const result = (yield { kind: 'execute', asOf, grouping: { dims: groupBy, periods }, nodes }) as ExecutionResult;
    return { periods, result, values: evaluator(result, formulas) };
  }

  const current = yield* run(period);
  const previous =
    options.compareTo && period ? yield* run(previousPeriod(options.period as never, period, zone)) : null;

  const previousGroup = new Map(previous?.result.groups.map((labels, g) => [labels.join('\u0000'), g]) ?? []);
  const infos = ids.map((id) => (resolved.get(id) as ResolvedMetric).info);
  const row = (g: number | null, b: number | null): ScorecardRow => {
    const out: ScorecardRow = {
      group: g === null ? {} : Object.fromEntries(groupBy.map((d, k) => [d, current.result.groups[g]?.[k] as string])),
      metrics: {},
    };
    const p = b === null ? null : current.periods?.[b];
    if (p && options.grain) {
      out.period = p.label;
      out.from = p.from;
      out.to = p.to;
    }
    ids.forEach((id, k) => {
      const cell: MetricValue = current.values(id, g, b);
      const v = cell;
      const info = infos[k] as MetricInfo;
      if (info.target) {
        cell.target = info.target;
        cell.status =
          v.value === null
            ? null
            : (info.target.min === undefined || v.value >= info.target.min) &&
                (info.target.max === undefined || v.value <= info.target.max)
              ? 'met'
              : 'missed';
      }
      if (previous) {
        const pg = g === null ? null : (previousGroup.get(current.result.groups[g]?.join('\u0000') ?? '') ?? -1);
        const pb = b === null ? null : b < previous.result.periodCount ? b : -1;
        const prev = pg === -1 || pb === -1 ? null : previous.values(id, pg, pb).value;
        cell.previous = prev;
        cell.change = prev === null || v.value === null ? null : v.value - prev;
      }
      out.metrics[id] = cell;
    });
    return out;
  };

  const rows: ScorecardRow[] = [];
  const order = current.result.groups
    .map((labels, g) => ({ labels, g }))
    .filter(({ g }) => current.result.present[g] === 1)
    .sort((x, y) => compareLabels(x.labels, y.labels));
  for (const { g } of order) for (let b = 0; b < current.result.periodCount; b++) rows.push(row(g, b));

  // Negative durations each metric leaves out, over the whole data set.
  const perMetric = ids.map((id) => durationPairs(resolved.get(id) as ResolvedMetric, options.view));
  const pairs = [...new Map(perMetric.flat().map((d) => [`${d.fact}:${d.from}:${d.to}`, d])).values()];
  const counts = pairs.length === 0 ? [] : ((yield { kind: 'excluded', asOf, durations: pairs }) as number[]);
  const countOf = new Map(pairs.map((d, i) => [`${d.fact}:${d.from}:${d.to}`, counts[i] ?? 0]));
  const excluded: Record<string, number> = {};
  ids.forEach((id, k) => {
    let n = 0;
    for (const d of perMetric[k] as DurationPair[]) n += countOf.get(`${d.fact}:${d.from}:${d.to}`) ?? 0;
    if (n > 0) excluded[id] = n;
  });

  return {
    groupBy,
    grain: options.grain ?? null,
    view: options.view ?? null,
    period,
    ...(previous?.periods && period ? { previousPeriod: previousPeriod(options.period as never, period, zone) } : {}),
    asOf: new Date(asOf).toISOString(),
    metrics: ids.map((id) => (resolved.get(id) as ResolvedMetric).info),
    rows,
    totals: row(null, null),
    issues: [...input.issues],
    warnings: [...input.warnings],
    skipped: input.skipped,
    excluded,
  };
}

interface Run {
  periods: readonly Period[] | null;
  result: ExecutionResult;
  values: Values;
}

/** Validates and converts once per (arrays, agreement, asOf, mode). */
function prepare(data: ScorecardData, agreement: Agreement, asOf: number, options: ComputeScorecardOptions): Prepared {
  const mode = options.mode ?? 'lenient';
  const inputs = [data.leads, data.opportunities, data.activities, data.touchpoints, data.spend, data.accounts];
  const byAgreement = cache.get(data.leads) ?? new WeakMap<object, Map<string, Prepared>>();
  cache.set(data.leads, byAgreement);
  const entries = byAgreement.get(agreement) ?? new Map<string, Prepared>();
  byAgreement.set(agreement, entries);
  const key = `${asOf}|${mode}`;
  const hit = entries.get(key);
  if (hit?.inputs.every((x, i) => x === inputs[i]) && options.errorMap === undefined) return hit;

  const issues: AccordIssue[] = [];
  const skipped: { kind: RecordKind; index: number }[] = [];
  const check = <K extends RecordKind>(kind: K, rows: readonly unknown[] | undefined) => {
    if (rows === undefined) return { records: undefined, positions: undefined };
    const r = validateRecords(kind, rows, {
      mode: 'lenient',
      ...(options.errorMap ? { errorMap: options.errorMap } : {}),
    });
    issues.push(...r.issues);
    for (const index of r.skipped) skipped.push({ kind, index });
    if (r.skipped.length === 0) return { records: r.records, positions: undefined };
    const left = new Set(r.skipped);
    const positions: number[] = [];
    for (let i = 0; i < rows.length; i++) if (!left.has(i)) positions.push(i);
    return { records: r.records, positions };
  };
  const leads = check('leads', data.leads);
  const opportunities = check('opportunities', data.opportunities);
  const activities = check('activities', data.activities);
  const touchpoints = check('touchpoints', data.touchpoints);
  const spend = check('spend', data.spend);
  const accounts = check('accounts', data.accounts);
  const columnar = buildColumnar(
    {
      leads: leads.records ?? [],
      opportunities: opportunities.records,
      activities: activities.records,
      touchpoints: touchpoints.records,
      spend: spend.records,
      accounts: accounts.records,
      leadPositions: leads.positions,
    },
    agreement,
    asOf,
  );
  const warnings = finalizeIssues(columnar.warnings, options.errorMap);
  if (mode === 'strict' && issues.length + warnings.length > 0) throw new AccordError([...issues, ...warnings]);
  const prepared: Prepared = { columnar, issues, warnings, skipped, inputs, excluded: new Map() };
  entries.set(key, prepared);
  return prepared;
}

/** The time span to cut into periods: the period, or the span of the leads' anchors up to asOf. */
function bounds(columnar: Columnar): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const scan = (col: Float64Array) => {
    for (let i = 0; i < col.length; i++) {
      const t = col[i] as number;
      if (t < min) min = t;
      if (t > max) max = t;
    }
  };
  for (const [name, col] of columnar.leads.cols) if (col instanceof Float64Array && isTime(name)) scan(col);
  for (const [name, col] of columnar.opportunities.cols) if (col instanceof Float64Array && isTime(name)) scan(col);
  if (!Number.isFinite(min)) return [0, 0];
  return [min, max + 1];
}

const isTime = (name: string) =>
  name === 'created' ||
  name === 'closed' ||
  name === 'firstTouch' ||
  name === 'dispositionAt' ||
  name.startsWith('stage:');

function expressionRefs(e: MetricExpression, out: string[] = []): string[] {
  if ('metric' in e) out.push(e.metric);
  else if ('op' in e) {
    expressionRefs(e.left, out);
    expressionRefs(e.right, out);
  }
  return out;
}

type Values = (id: string, g: number | null, b: number | null) => MetricValue;

/** A compiled formula: its value (NaN for none), numerator and denominator at a slot (−1: totals). */
type Compiled = (slot: number) => { value: number; numerator?: number; denominator?: number };

/** Compiles each metric's formula once into closures over the node results, then reads slots (or totals). */
function evaluator(result: ExecutionResult, formulas: Map<string, Formula>): Values {
  const B = result.periodCount;
  const compiled = new Map<string, Compiled>();
  const compile = (f: Formula): Compiled => {
    switch (f.kind) {
      case 'node': {
        const r = result.node(f.node);
        const slots = r.slots;
        const total = r.total;
        return (slot) => ({ value: slot < 0 ? total : (slots[slot] as number) });
      }
      case 'add': {
        const parts = f.parts.map(compile);
        return (slot) => {
          let total = 0;
          for (const part of parts) total += part(slot).value;
          return { value: total };
        };
      }
      case 'ratio': {
        const num = compile(f.numerator);
        const den = compile(f.denominator);
        return (slot) => {
          const n = num(slot).value;
          const d = den(slot).value;
          if (Number.isNaN(n) || Number.isNaN(d)) return { value: Number.NaN };
          return { value: d === 0 ? Number.NaN : n / d, numerator: n, denominator: d };
        };
      }
      case 'expression': {
        const expr = expression(f.expression);
        return (slot) => ({ value: expr(slot) });
      }
    }
  };
  const expression = (e: MetricExpression): ((slot: number) => number) => {
    if ('const' in e) {
      const c = e.const;
      return () => c;
    }
    if ('metric' in e) {
      const m = metric(e.metric);
      return (slot) => m(slot).value;
    }
    const l = expression(e.left);
    const r = expression(e.right);
    switch (e.op) {
      case 'add':
        return (slot) => l(slot) + r(slot);
      case 'sub':
        return (slot) => l(slot) - r(slot);
      case 'mul':
        return (slot) => l(slot) * r(slot);
      case 'div':
        return (slot) => {
          const d = r(slot);
          return d === 0 ? Number.NaN : l(slot) / d;
        };
    }
  };
  const metric = (id: string): Compiled => {
    let c = compiled.get(id);
    if (!c) {
      c = compile(formulas.get(id) as Formula);
      compiled.set(id, c);
    }
    return c;
  };
  return (id, g, b) => {
    const v = metric(id)(g === null ? -1 : g * B + (b ?? 0));
    const out: MetricValue = { value: Number.isFinite(v.value) ? v.value : null };
    if (v.denominator !== undefined) {
      out.numerator = v.numerator as number;
      out.denominator = v.denominator;
    }
    return out;
  };
}

/** The (a, b) duration pairs of a metric's `diff` sums and quantiles, whose negative values are left out. */
function durationPairs(metric: ResolvedMetric, view: MetricView | undefined): DurationPair[] {
  const nodes: PlanNode[] = [];
  // Durations do not depend on asOf (only windowed conversions, which are counts, do).
  collectNodes(metric.formula(view ?? metric.info.view, 0), nodes);
  const out: DurationPair[] = [];
  for (const node of nodes) {
    if (node.agg === 'count' || !node.value || !('diff' in node.value) || node.fact === 'spend') continue;
    out.push({ fact: node.fact, from: node.value.diff[0], to: node.value.diff[1] });
  }
  return out;
}

/** Rows whose `to` column is before their `from` column, over the whole data set (cached). */
function negativeDurations(prepared: Prepared, d: DurationPair): number {
  const key = `${d.fact}:${d.from}:${d.to}`;
  let n = prepared.excluded.get(key);
  if (n === undefined) {
    n = 0;
    const table = prepared.columnar[d.fact];
    const x = table.cols.get(d.from) as Float64Array;
    const y = table.cols.get(d.to) as Float64Array;
    for (let i = 0; i < table.n; i++) if ((y[i] as number) < (x[i] as number)) n++;
    prepared.excluded.set(key, n);
  }
  return n;
}

function compareLabels(a: readonly string[], b: readonly string[]): number {
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as string;
    const y = b[k] as string;
    if (x === y) continue;
    if (x === '(none)') return 1;
    if (y === '(none)') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * @name createMemoryScorecardEngine
 * @category Scorecard
 * @summary The in-memory columnar engine behind {@link computeScorecard}, as a {@link ScorecardEngine}.
 *
 * @description
 * For engines that run part of a plan elsewhere: a SQL adapter answers the nodes it can render and asks
 * this engine for the rest (SLA clocks on business calendars, the routing audit, custom filters).
 *
 * @example
 * const memory = createMemoryScorecardEngine({ leads, activities }, { agreement })
 * const card = await computeScorecardWith(memory, { agreement, asOf })
 */
export function createMemoryScorecardEngine(
  data: ScorecardData,
  options: Pick<ComputeScorecardOptions, 'agreement' | 'mode' | 'errorMap'>,
): ScorecardEngine {
  const prepared = (asOf: number) =>
    prepare(data, options.agreement, asOf, { ...options, asOf } as ComputeScorecardOptions);
  return {
    input: (asOf) => answerInMemory(prepared(asOf), { kind: 'input', asOf }) as ScorecardInput,
    bounds: (asOf) => bounds(prepared(asOf).columnar),
    execute: (grouping, nodes, asOf) => execute(prepared(asOf).columnar, grouping, nodes),
    excluded: (durations, asOf) => durations.map((d) => negativeDurations(prepared(asOf), d)),
  };
}
