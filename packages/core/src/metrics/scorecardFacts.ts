import type { Agreement, StageKind } from '../agreement/agreement.types';
import { DIMENSIONS, dimensionPath } from './_columns';
import { handoffStages } from './_plan';

/** How an agreement shapes the scorecard's fact tables (see {@link scorecardFacts}). */
export interface ScorecardFacts {
  /** The agreement's stage ids, in order: lead columns `stage:<id>`. */
  stages: readonly string[];
  /** A lead is marketing-sourced when it reached this stage at or before its opportunity was created. */
  handoffStage: string | undefined;
  /** Activities count as the first touch from this stage on (the first-touch SLA's start); undefined: any time. */
  firstTouchFrom: string | undefined;
  /** Without opportunity records, each lead with this stage date is one opportunity created then. */
  opportunityStage: string | undefined;
  /** Won and lost stages, in agreement order: a derived opportunity closes at the first one present. */
  wonStages: readonly string[];
  lostStages: readonly string[];
  /** Stage kinds: an opportunity record without `won` is won or lost by its stage's kind. */
  stageKinds: Readonly<Record<string, StageKind>>;
  /** Disposition reason ids: `reason` code k is the k-th. */
  reasons: readonly string[];
  /** The record path of a grouping dimension (`source` → `source`, `owner` → `ownerId`, `attributes.x`). */
  dimensionPath: (dimension: string) => string | undefined;
  /** The fixed dimensions and their record fields. */
  dimensions: Readonly<Record<string, string>>;
}

/**
 * @name scorecardFacts
 * @category Scorecard
 * @summary What a SQL engine needs to build the scorecard's fact tables the way the core does.
 *
 * @description
 * The columnar engine and the adapters' SQL renderers derive the same columns from the same records;
 * this is the one place that says which stage frames the hand-over, where the first-touch clock starts,
 * how opportunities are derived without records, and how reasons are coded.
 *
 * @example
 * scorecardFacts(defaultAgreement).handoffStage //=> 'mql'
 */
export function scorecardFacts(agreement: Agreement): ScorecardFacts {
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const firstTouch = (agreement.slas ?? []).find((s) => s.kind === 'first_touch');
  return {
    stages: agreement.stages.map((s) => s.id),
    handoffStage: handoffStages(agreement)?.handoff,
    firstTouchFrom: firstTouch?.kind === 'first_touch' ? firstTouch.start.stage : undefined,
    opportunityStage: open[open.length - 1]?.id,
    wonStages: agreement.stages.filter((s) => s.kind === 'won').map((s) => s.id),
    lostStages: agreement.stages.filter((s) => s.kind === 'lost').map((s) => s.id),
    stageKinds: Object.fromEntries(agreement.stages.map((s) => [s.id, s.kind ?? 'open'])),
    reasons: (agreement.dispositions ?? []).map((r) => r.id),
    dimensionPath,
    dimensions: DIMENSIONS,
  };
}
