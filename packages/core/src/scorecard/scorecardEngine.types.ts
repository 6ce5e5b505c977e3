import type { AccordIssue } from '../errors/errors.types';
import type { ExecutionResult, Grouping, NodeResult } from '../metrics/_execute';
import type { Cond, Fact, NodeValue, PlanNode } from '../metrics/_plan';
import type { RecordKind } from '../records/records.types';
import type { Period } from './_periods';

export type {
  Cond as ScorecardCondition,
  ExecutionResult as ScorecardExecution,
  Fact as ScorecardFact,
  Grouping as ScorecardGrouping,
  NodeResult as ScorecardNodeResult,
  NodeValue as ScorecardNodeValue,
  Period as ScorecardPeriod,
  PlanNode as ScorecardNode,
};

/** A duration (`to` − `from`, two time columns of a fact) whose negative values a metric leaves out. */
export interface DurationPair {
  fact: 'leads' | 'opportunities' | 'activities' | 'touchpoints';
  from: string;
  to: string;
}

/** What an engine reports about its input records. */
export interface ScorecardInput {
  issues: readonly AccordIssue[];
  warnings: readonly AccordIssue[];
  skipped: { kind: RecordKind; index: number }[];
}

/**
 * Where the scorecard's aggregates run (see {@link computeScorecardWith}). The plan's nodes name
 * columns of the canonical fact tables: leads `created`, `stage:<id>`, `firstTouch`, `amount`,
 * `reason` (code = position in the agreement's reasons), `dispositionAt`, `hasOwner`; opportunities
 * `created`, `closed`, `amount`, `won`, `marketing`; activities and touchpoints `at`. Nodes with
 * `needs` (SLA clocks, business hours, routing audit, custom filters and fields) need the core's
 * evaluators; an engine that cannot build those answers them another way (the adapters run them in
 * memory) — it never guesses.
 */
export interface ScorecardEngine {
  /** The input's validation issues and data-quality warnings. */
  input(asOf: number): Promise<ScorecardInput> | ScorecardInput;
  /** The earliest and one past the latest instant of the leads' and opportunities' time columns ([0, 0] when none). */
  bounds(asOf: number): Promise<[number, number]> | [number, number];
  /** Every node per group × period slot, and over everything. */
  execute(grouping: Grouping, nodes: readonly PlanNode[], asOf: number): Promise<ExecutionResult> | ExecutionResult;
  /** Per pair: rows whose `to` is before their `from`, over all rows. */
  excluded(durations: readonly DurationPair[], asOf: number): Promise<number[]> | number[];
}
