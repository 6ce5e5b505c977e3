import type { Agreement, SlaDefinition, SlaDuration } from '../agreement/agreement.types';
import { listMetrics } from '../metrics/listMetrics';
import type { MetricInfo } from '../metrics/metrics.types';
import { describeRule } from './describeRule';

/** One defined term of the glossary. */
export interface GlossaryTerm {
  id: string;
  label: string;
  /** Who owns the definition: `marketing`, `sales` or `shared`. */
  owner: string;
  /** The definition in a sentence or formula. */
  definition: string;
  /** Further facts: unit, direction, view, target, criteria… as `[label, text]` pairs, in reading order. */
  facts: readonly (readonly [string, string])[];
}

/** A glossary section. */
export interface GlossarySection {
  id: 'stages' | 'slas' | 'reasons' | 'metrics';
  title: string;
  terms: GlossaryTerm[];
}

/** The frozen definitions of one agreement version. */
export interface Glossary {
  agreementId: string;
  name: string | undefined;
  version: string;
  effectiveFrom: string | undefined;
  timezone: string;
  sections: GlossarySection[];
}

const duration = (d: SlaDuration): string => {
  const unit = d.clock === 'business' ? 'business ' : '';
  if (d.minutes % 1440 === 0 && d.clock === 'calendar')
    return `${d.minutes / 1440} day${d.minutes === 1440 ? '' : 's'}`;
  if (d.minutes % 60 === 0) return `${d.minutes / 60} ${unit}hour${d.minutes === 60 ? '' : 's'}`;
  return `${d.minutes} ${unit}minutes`;
};

function slaDefinition(sla: SlaDefinition, stageLabel: (id: string) => string): string {
  switch (sla.kind) {
    case 'first_touch':
      return `First touch within ${duration(sla.target)} of entering ${stageLabel(sla.start.stage)}.`;
    case 'disposition':
      return `Accept or reject with a reason within ${duration(sla.target)} of entering ${stageLabel(sla.start.stage)}.`;
    case 'touches':
      return `At least ${sla.minTouches} touches within ${duration(sla.target)} of entering ${stageLabel(sla.start.stage)}.`;
    case 'lead_standard':
      return `Every lead handed over at ${stageLabel(sla.at.stage)} meets the lead standard.`;
    case 'acceptance_rate':
      return `At least ${Math.round(sla.min * 1000) / 10}% of leads move from ${stageLabel(sla.from)} to ${stageLabel(sla.to)} each ${sla.period}.`;
  }
}

function slaFacts(sla: SlaDefinition): [string, string][] {
  const facts: [string, string][] = [['Kind', sla.kind.replace(/_/g, ' ')]];
  if (sla.appliesTo) facts.push(['Applies to', describeRule(sla.appliesTo)]);
  if (sla.calendar)
    facts.push(['Calendar', sla.calendarFrom === 'owner' ? `the owner's, else ${sla.calendar}` : sla.calendar]);
  if ('warnAt' in sla && sla.warnAt !== undefined)
    facts.push(['Warns at', `${Math.round(sla.warnAt * 100)}% of the target`]);
  if ('pause' in sla && sla.pause) facts.push(['Paused while', describeRule(sla.pause)]);
  if ('escalate' in sla && sla.escalate?.length)
    facts.push([
      'Escalation',
      sla.escalate
        .map(
          (s) =>
            `${s.action.replace(/_/g, ' ')}${s.queue ? ` (${s.queue})` : ''} ${s.afterMinutes === 0 ? 'at the breach' : `${s.afterMinutes} min after`}`,
        )
        .join('; '),
    ]);
  return facts;
}

function metricFacts(m: MetricInfo): [string, string][] {
  const bound = (x: number) => (m.unit === 'ratio' ? `${Math.round(x * 1000) / 10}%` : String(x));
  const facts: [string, string][] = [
    ['Unit', m.unit],
    ['Better when', m.direction],
    ['View', `${m.view} (cohort: ${m.anchors.cohort} · period: ${m.anchors.period})`],
  ];
  if (m.target)
    facts.push([
      'Target',
      [
        m.target.min !== undefined ? `≥ ${bound(m.target.min)}` : '',
        m.target.max !== undefined ? `≤ ${bound(m.target.max)}` : '',
      ]
        .filter(Boolean)
        .join(' and '),
    ]);
  return facts;
}

/**
 * @name buildGlossary
 * @category Governance
 * @summary The frozen definitions of an agreement version: stages, SLAs, reasons and every metric.
 *
 * @description
 * What both teams point at when a number is questioned: each stage with its owner and its entry and
 * exit criteria written out ({@link describeRule}), each SLA as a promise in words with its clock,
 * warning and escalation, each reject reason with its action, and the whole metric dictionary
 * ({@link listMetrics}: formula, owner, unit, view and target). Render it as Markdown or HTML (the
 * CLI's `accord glossary` does both).
 *
 * @param agreement - The agreement version.
 * @returns {@link Glossary}.
 *
 * @example
 * buildGlossary(defaultAgreement).sections.map((s) => [s.id, s.terms.length])
 * //=> [['stages', 9], ['slas', 6], ['reasons', 8], ['metrics', 64]]
 */
export function buildGlossary(agreement: Agreement): Glossary {
  const stageLabel = (id: string) => agreement.stages.find((s) => s.id === id)?.label ?? id;
  const stages: GlossaryTerm[] = agreement.stages.map((s) => ({
    id: s.id,
    label: s.label,
    owner: s.owner,
    definition: s.description ?? `${s.label} (${s.kind ?? 'open'} stage).`,
    facts: [
      ['Kind', s.kind ?? 'open'],
      ...(s.entry ? [['Entry criteria', describeRule(s.entry)] as const] : []),
      ...(s.exit ? [['Exit criteria', describeRule(s.exit)] as const] : []),
    ],
  }));
  const slas: GlossaryTerm[] = (agreement.slas ?? []).map((sla) => ({
    id: sla.id,
    label: sla.label,
    owner: sla.side,
    definition: sla.description ?? slaDefinition(sla, stageLabel),
    facts: [...(sla.description ? [['Promise', slaDefinition(sla, stageLabel)] as const] : []), ...slaFacts(sla)],
  }));
  const reasons: GlossaryTerm[] = (agreement.dispositions ?? []).map((r) => ({
    id: r.id,
    label: r.label,
    owner: 'sales',
    definition: r.description ?? r.label,
    facts: [
      ['Action', r.action],
      ...(r.appliesIn ? [['Applies in', r.appliesIn.map(stageLabel).join(', ')] as const] : []),
      ...(r.detail
        ? [['Detail', `${r.detail.label}${r.detail.required ? ' (required)' : ' (optional)'}`] as const]
        : []),
    ],
  }));
  const metrics: GlossaryTerm[] = listMetrics(agreement).map((m) => ({
    id: m.id,
    label: m.label,
    owner: m.owner,
    definition: `${m.description} ${m.formula === m.description ? '' : `= ${m.formula}`}`.trim(),
    facts: metricFacts(m),
  }));
  return {
    agreementId: agreement.id,
    name: agreement.name,
    version: agreement.version,
    effectiveFrom: agreement.effectiveFrom,
    timezone: agreement.timezone,
    sections: [
      { id: 'stages', title: 'Funnel stages', terms: stages },
      { id: 'slas', title: 'Service-level agreements', terms: slas },
      { id: 'reasons', title: 'Reject and recycle reasons', terms: reasons },
      { id: 'metrics', title: 'Metric dictionary', terms: metrics },
    ],
  };
}
