import { toEpochMs } from '../_lib/instant';
import type { Agreement, MetricTarget } from '../agreement/agreement.types';
import { accordError, finalizeIssues } from '../errors/errorMap';
import type { AccordIssue, RawIssue } from '../errors/errors.types';
import type { MetricInfo } from '../metrics/metrics.types';
import type { Instant } from '../records/records.types';
import { computeScorecard } from '../scorecard/computeScorecard';
import type {
  ComputeScorecardOptions,
  MetricValue,
  ScorecardData,
  ScorecardResult,
  ScorecardRow,
} from '../scorecard/scorecard.types';
import { agreementInForce } from './agreementInForce';
import { effectiveInstant } from './parseAgreementHistory';

/** Options for {@link scorecardByVersion}: the scorecard's options, without the agreement. */
export type ScorecardByVersionOptions = Omit<ComputeScorecardOptions, 'agreement'> & {
  /** Judge every record under this version instead of the one in force at its time. */
  version?: string;
};

/** One version's part: the records created while it was in force, judged by its definitions. */
export interface VersionSegment {
  version: string;
  /** When it took effect and when the next did (epoch ms; `null` = open). */
  from: number | null;
  to: number | null;
  leads: number;
  result: ScorecardResult;
}

/** A metric combined over the segments, or why it cannot be. */
export interface CombinedMetric extends MetricValue {
  /** `ratio` (numerators and denominators summed), `sum` (values added), or `segments` (not additive: read each segment). */
  combinedBy: 'ratio' | 'sum' | 'segments';
}

/** The result of {@link scorecardByVersion}. */
export interface VersionedScorecard {
  /** Each version that judged records, oldest first (one, with `version`). */
  segments: VersionSegment[];
  /** The metrics of the newest segment's dictionary. */
  metrics: MetricInfo[];
  /** Rows combined over the segments (by group and period), with each metric's combination. */
  rows: (Omit<ScorecardRow, 'metrics'> & { metrics: Record<string, CombinedMetric> })[];
  totals: Omit<ScorecardRow, 'metrics'> & { metrics: Record<string, CombinedMetric> };
  /** Records created before the first version (judged by none), and the segments' own issues. */
  issues: AccordIssue[];
}

const ADDITIVE = /^(count|sum)\(/;

function combine(
  info: MetricInfo | undefined,
  values: readonly (MetricValue | undefined)[],
  target: MetricTarget | undefined,
): CombinedMetric {
  const present = values.filter((v): v is MetricValue => v !== undefined);
  const status = (value: number | null) =>
    target === undefined || value === null
      ? {}
      : {
          target,
          status:
            (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max)
              ? ('met' as const)
              : ('missed' as const),
        };
  if (present.length > 0 && present.every((v) => v.numerator !== undefined && v.denominator !== undefined)) {
    const numerator = present.reduce((s, v) => s + (v.numerator as number), 0);
    const denominator = present.reduce((s, v) => s + (v.denominator as number), 0);
    const value = denominator === 0 ? null : numerator / denominator;
    return { value, numerator, denominator, combinedBy: 'ratio', ...status(value) };
  }
  if (info && ADDITIVE.test(info.formula)) {
    const known = present.filter((v) => v.value !== null);
    const value = known.length === 0 ? null : known.reduce((s, v) => s + (v.value as number), 0);
    return { value, combinedBy: 'sum', ...status(value) };
  }
  if (present.length === 1) return { ...(present[0] as MetricValue), combinedBy: 'sum' };
  return { value: null, combinedBy: 'segments' };
}

/**
 * @name scorecardByVersion
 * @category Governance
 * @summary The scorecard with every record judged by the agreement version in force at its time.
 *
 * @description
 * "From this date we use these definitions": leads are split by the version in force when they were
 * created (midnight of each `effectiveFrom` in that version's own zone, see {@link agreementInForce}),
 * and their opportunities, activities and touchpoints go with them (deals without leads by their
 * creation date, spend by its first day). Each part is scored under its own version — its stages,
 * SLAs, metric definitions and targets. The parts are then combined by group and period where that is
 * exact: ratios by summing numerators and denominators, counts and sums by adding; medians, p90s and
 * derived metrics are not additive, so their combination is `null` with `combinedBy: 'segments'` —
 * read them per segment. Combined values are judged against the newest version's targets. Leads
 * created before the first version are left out with a `no_version_in_force` issue naming the lead.
 *
 * With `version`, every record is judged by that one version instead (one segment).
 *
 * @param data - The records, as for {@link computeScorecard}.
 * @param versions - From {@link parseAgreementHistory}: sorted, no overlaps.
 * @param options - The scorecard options (`asOf` required) and `version`.
 * @returns {@link VersionedScorecard}.
 * @throws {AccordError} `invalid_argument` when `version` names no version, or `versions` is empty.
 *
 * @example
 * const card = scorecardByVersion(data, versions, { asOf, grain: 'quarter', metrics: ['count.mql', 'conversion.mql.sal'] })
 * card.segments.map((s) => [s.version, s.leads]) //=> [['2026.1', 5210], ['2026.2', 1893]]
 * card.totals.metrics['conversion.mql.sal'] //=> { value: 0.41, numerator: 1203, denominator: 2934, combinedBy: 'ratio', … }
 */
export function scorecardByVersion(
  data: ScorecardData,
  versions: readonly Agreement[],
  options: ScorecardByVersionOptions,
): VersionedScorecard {
  const { version, ...scorecardOptions } = options;
  const fail = (detail: string, path: string[]) => {
    throw accordError([{ code: 'invalid_argument', path, detail }], options.errorMap);
  };
  if (versions.length === 0) fail('versions is empty: pass at least one agreement version.', ['versions']);
  const chosen = version === undefined ? undefined : versions.find((v) => v.version === version);
  if (version !== undefined && !chosen)
    fail(`No version "${version}"; the versions are ${versions.map((v) => JSON.stringify(v.version)).join(', ')}.`, [
      'version',
    ]);

  const raw: RawIssue[] = [];
  const parts = new Map<Agreement, { leads: ScorecardData['leads'][number][]; ids: Set<string> }>();
  const partOf = (at: Instant): Agreement | undefined => chosen ?? agreementInForce(versions, at);
  for (const v of chosen ? [chosen] : versions) parts.set(v, { leads: [], ids: new Set() });
  for (const [i, lead] of data.leads.entries()) {
    const at = toEpochMs(lead.createdAt);
    const v = Number.isNaN(at) ? undefined : partOf(at);
    if (!v) {
      if (!Number.isNaN(at))
        raw.push({
          code: 'no_version_in_force',
          path: ['leads', i, 'createdAt'],
          recordId: lead.id,
          firstEffectiveFrom: versions[0]?.effectiveFrom ?? '',
        });
      continue;
    }
    const part = parts.get(v);
    part?.leads.push(lead);
    part?.ids.add(lead.id);
  }

  const segments: VersionSegment[] = [];
  const ordered = chosen ? [chosen] : versions;
  for (const [index, v] of ordered.entries()) {
    const part = parts.get(v);
    if (!part || (part.leads.length === 0 && !chosen)) continue;
    const owns = (leadId: string | undefined) => leadId !== undefined && part.ids.has(leadId);
    const byTime = (at: Instant) => !chosen && partOf(at) === v;
    const segmentData: ScorecardData = {
      leads: part.leads,
      ...(data.opportunities && {
        opportunities: data.opportunities.filter((o) =>
          o.leadIds?.length ? owns(o.leadIds[0]) : chosen !== undefined || byTime(o.createdAt),
        ),
      }),
      ...(data.activities && { activities: data.activities.filter((a) => owns(a.leadId)) }),
      ...(data.touchpoints && {
        touchpoints: data.touchpoints.filter((t) => (t.leadId ? owns(t.leadId) : chosen !== undefined || byTime(t.at))),
      }),
      ...(data.spend && {
        spend: data.spend.filter((s) => chosen !== undefined || byTime(`${s.periodStart}T12:00:00Z`)),
      }),
      ...(data.accounts && { accounts: data.accounts }),
    };
    const next = ordered[index + 1];
    segments.push({
      version: v.version,
      from: chosen ? null : Number.isFinite(effectiveInstant(v)) ? effectiveInstant(v) : null,
      to: chosen || !next ? null : effectiveInstant(next),
      leads: part.leads.length,
      result: computeScorecard(segmentData, { ...scorecardOptions, agreement: v }),
    });
  }

  const newest =
    segments.at(-1)?.result ??
    computeScorecard({ leads: [] }, { ...scorecardOptions, agreement: ordered.at(-1) as Agreement });
  const newestAgreement = chosen ?? (ordered.find((v) => v.version === segments.at(-1)?.version) as Agreement);
  const info = new Map(newest.metrics.map((m) => [m.id, m]));
  const key = (r: ScorecardRow) => JSON.stringify([r.group, r.period ?? null]);
  const keys = new Map<string, ScorecardRow>();
  for (const s of segments) for (const r of s.result.rows) if (!keys.has(key(r))) keys.set(key(r), r);
  const combineRow = (pick: (s: VersionSegment) => ScorecardRow | undefined, like: ScorecardRow) => {
    const { metrics: _, ...head } = like;
    const metrics: Record<string, CombinedMetric> = {};
    for (const m of newest.metrics)
      metrics[m.id] = combine(
        info.get(m.id),
        segments.map((s) => pick(s)?.metrics[m.id]),
        newestAgreement?.targets?.[m.id],
      );
    return { ...head, metrics };
  };
  const rows = [...keys.entries()].map(([k, like]) => combineRow((s) => s.result.rows.find((r) => key(r) === k), like));
  const issues = [...finalizeIssues(raw, options.errorMap), ...segments.flatMap((s) => s.result.issues)];
  return { segments, metrics: newest.metrics, rows, totals: combineRow((s) => s.result.totals, newest.totals), issues };
}
