import { toEpochMs } from '../_lib/instant';
import { wilson } from '../_lib/wilson';
import type { Agreement, StageDefinition } from '../agreement/agreement.types';
import type { Rule } from '../criteria/criteria.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import { fieldRules } from '../icp/_scoreFields';
import { withScores } from '../icp/withScores';
import type { MetricInfo } from '../metrics/metrics.types';
import type { Lead, Opportunity } from '../records/records.types';
import { computeScorecard } from '../scorecard/computeScorecard';
import type { ScorecardData, ScorecardResult, ScorecardRow } from '../scorecard/scorecard.types';
import { diffAgreements } from './diffAgreements';
import type {
  PilotCell,
  PilotMetric,
  PilotResult,
  PilotRow,
  PilotStageSplit,
  RunPilotOptions,
} from './governance.types';

const SIDE = new Set(['recycled', 'disqualified']);
const sameRule = (a: Rule | undefined, b: Rule | undefined) => JSON.stringify(a) === JSON.stringify(b);
const readsScores = (rule: Rule) => [...fieldRules(rule)].some((r) => r.field.startsWith('scores'));

interface Qualifier {
  stage: StageDefinition;
  index: number;
  prev: string | null;
  next: string | null;
}

/** The stages whose entry criteria differ, present in both versions, in funnel order. */
function changedStages(baseline: Agreement, candidate: Agreement): Qualifier[] {
  const funnel = baseline.stages.filter((s) => !SIDE.has(s.kind ?? 'open'));
  const out: Qualifier[] = [];
  for (const [index, stage] of funnel.entries()) {
    const other = candidate.stages.find((s) => s.id === stage.id);
    if (!other || sameRule(stage.entry, other.entry)) continue;
    const nextOpen = funnel.slice(index + 1).find((s) => (s.kind ?? 'open') === 'open');
    out.push({ stage, index, prev: funnel[index - 1]?.id ?? null, next: nextOpen?.id ?? null });
  }
  return out;
}

/** Whether the lead meets a version's entry criteria of a stage, judged when it entered (or could have). */
function qualifies(lead: Lead, version: Agreement, q: Qualifier, data: ScorecardData): { passes: boolean; at: number } {
  const dates = lead.stageDates ?? {};
  const when = dates[q.stage.id] ?? (q.prev ? dates[q.prev] : undefined) ?? lead.createdAt;
  const at = toEpochMs(when);
  const rule = version.stages.find((s) => s.id === q.stage.id)?.entry;
  if (!rule) return { passes: true, at };
  const record = readsScores(rule)
    ? withScores(lead, data.activities ?? [], version, {
        now: at,
        ...(data.touchpoints && { touchpoints: data.touchpoints }),
      })
    : lead;
  return { passes: evaluateCriteria(record, rule, { now: at }).passed, at };
}

/**
 * The leads as a version would have them: a lead that reached a changed stage but fails the version's
 * entry criteria is cut there (it would not have been handed over: neither that stage nor any later one,
 * nor the side states it entered afterwards); a lead that reached the stage before and meets the
 * criteria, without having entered, enters it then (its later outcome is unknown).
 */
function reclassified(
  leads: readonly Lead[],
  version: Agreement,
  stages: readonly Qualifier[],
  data: ScorecardData,
): { leads: Lead[]; inStage: Map<string, Set<string>>; cut: Set<string> } {
  const order = new Map(version.stages.filter((s) => !SIDE.has(s.kind ?? 'open')).map((s, i) => [s.id, i]));
  const inStage = new Map(stages.map((q) => [q.stage.id, new Set<string>()]));
  const cut = new Set<string>();
  const out = leads.map((lead) => {
    let dates = lead.stageDates;
    for (const q of stages) {
      const recorded = dates?.[q.stage.id] !== undefined;
      const eligible = q.prev === null || dates?.[q.prev] !== undefined;
      if (!eligible) break;
      const { passes, at } = qualifies(lead, version, q, data);
      if (passes) {
        inStage.get(q.stage.id)?.add(lead.id);
        if (!recorded) dates = { ...dates, [q.stage.id]: new Date(at).toISOString() };
        continue;
      }
      if (!recorded) break;
      const cutAt = toEpochMs(dates?.[q.stage.id] as string | number);
      const kept: Record<string, string | number> = {};
      for (const [id, value] of Object.entries(dates ?? {})) {
        const i = order.get(id);
        const later = i === undefined ? toEpochMs(value) >= cutAt : i >= q.index;
        if (!later) kept[id] = value;
      }
      dates = kept;
      cut.add(lead.id);
      break;
    }
    return dates === lead.stageDates ? lead : { ...lead, stageDates: dates ?? {} };
  });
  return { leads: out, inStage, cut };
}

function cell(ids: readonly string[], byId: Map<string, Lead>, next: string | null, won: readonly string[]): PilotCell {
  let reached = 0;
  let wins = 0;
  for (const id of ids) {
    const dates = byId.get(id)?.stageDates ?? {};
    if (next && dates[next] !== undefined) reached++;
    if (won.some((w) => dates[w] !== undefined)) wins++;
  }
  return { leads: ids.length, reachedNext: wilson(reached, next ? ids.length : 0), won: wilson(wins, ids.length) };
}

function uniqueIssues<T>(issues: readonly T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const rowKey = (row: ScorecardRow) => JSON.stringify([row.group, row.period ?? null]);

function pair(
  baseline: ScorecardRow | undefined,
  candidate: ScorecardRow | undefined,
  ids: readonly string[],
): PilotRow {
  const row = (baseline ?? candidate) as ScorecardRow;
  const metrics: Record<string, PilotMetric> = {};
  for (const id of ids) {
    const b = baseline?.metrics[id] ?? null;
    const c = candidate?.metrics[id] ?? null;
    const delta = b?.value != null && c?.value != null ? c.value - b.value : null;
    metrics[id] = { baseline: b, candidate: c, delta };
  }
  return { group: row.group, ...(row.period !== undefined && { period: row.period }), metrics };
}

/**
 * @name runPilot
 * @category Governance
 * @summary Runs the scorecard under two agreement versions on the same data, side by side, with the delta per metric and group.
 *
 * @description
 * "Try this MQL definition for 90 days": pass the current agreement as `baseline`, the proposal as
 * `candidate`, and the pilot's `period`. Where the versions' stage entry criteria differ, each
 * version's criteria decide who is in that stage (see `reclassify`): a lead the candidate would not
 * qualify is cut at that stage — with everything it went on to do — and a lead it would qualify
 * earlier enters it (with no observed outcome). `stages` splits each changed stage into the leads
 * both versions qualify, the ones only the baseline does (what the candidate drops, and how they
 * converted) and the ones only the candidate does. Metric definitions and targets are each
 * version's own. Opportunities whose every lead was cut are left out of that version.
 *
 * @param data - The records, as for {@link computeScorecard}.
 * @param baseline - The agreement in force.
 * @param candidate - The version to pilot.
 * @param options - The scorecard options (`asOf` required; `period`, `groupBy`, `metrics`…) and `reclassify`.
 * @returns {@link PilotResult}.
 *
 * @example
 * const pilot = runPilot(data, current, proposal, { asOf, period: '2026-Q3', groupBy: ['source'] })
 * pilot.totals.metrics['conversion.mql.sal'] //=> { baseline: { value: 0.41, … }, candidate: { value: 0.52, … }, delta: 0.11 }
 * pilot.stages[0].baselineOnly //=> { leads: 212, reachedNext: { value: 0.06, low: 0.03, high: 0.1, … }, … }
 */
export function runPilot(
  data: ScorecardData,
  baseline: Agreement,
  candidate: Agreement,
  options: RunPilotOptions,
): PilotResult {
  const stages = options.reclassify === false ? [] : changedStages(baseline, candidate);
  const versionData = (version: Agreement) => {
    if (stages.length === 0) return { data, inStage: new Map<string, Set<string>>() };
    const { leads, inStage, cut } = reclassified(data.leads, version, stages, data);
    // A deal stays unless every lead behind it was cut before it was handed over.
    const opportunities = data.opportunities?.filter(
      (o: Opportunity) => !o.leadIds?.length || o.leadIds.some((id) => !cut.has(id)),
    );
    return { data: { ...data, leads, ...(opportunities && { opportunities }) }, inStage };
  };
  const b = versionData(baseline);
  const c = versionData(candidate);
  const base: ScorecardResult = computeScorecard(b.data, { ...options, agreement: baseline });
  const cand: ScorecardResult = computeScorecard(c.data, { ...options, agreement: candidate });

  const byId = new Map(data.leads.map((l) => [l.id, l]));
  const wonStages = baseline.stages.filter((s) => s.kind === 'won').map((s) => s.id);
  const splits: PilotStageSplit[] = stages.map((q) => {
    const inB = b.inStage.get(q.stage.id) ?? new Set<string>();
    const inC = c.inStage.get(q.stage.id) ?? new Set<string>();
    const both = [...inB].filter((id) => inC.has(id)).sort();
    const baselineOnly = [...inB].filter((id) => !inC.has(id)).sort();
    const candidateOnly = [...inC].filter((id) => !inB.has(id)).sort();
    return {
      stageId: q.stage.id,
      label: q.stage.label,
      nextStageId: q.next,
      both: cell(both, byId, q.next, wonStages),
      baselineOnly: cell(baselineOnly, byId, q.next, wonStages),
      candidateOnly: cell(candidateOnly, byId, q.next, wonStages),
    };
  });

  const metrics: MetricInfo[] = [
    ...base.metrics,
    ...cand.metrics.filter((m) => !base.metrics.some((x) => x.id === m.id)),
  ];
  const ids = metrics.map((m) => m.id);
  const candRows = new Map(cand.rows.map((r) => [rowKey(r), r]));
  const rows = base.rows.map((r) => pair(r, candRows.get(rowKey(r)), ids));
  const seen = new Set(base.rows.map(rowKey));
  for (const r of cand.rows) if (!seen.has(rowKey(r))) rows.push(pair(undefined, r, ids));
  return {
    baseline: { version: baseline.version, effectiveFrom: baseline.effectiveFrom },
    candidate: { version: candidate.version, effectiveFrom: candidate.effectiveFrom },
    changes: diffAgreements(baseline, candidate).changes,
    stages: splits,
    metrics,
    rows,
    totals: pair(base.totals, cand.totals, ids),
    issues: uniqueIssues([...base.issues, ...cand.issues]),
  };
}
