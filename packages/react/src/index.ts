// @accord/react — the public API. Every name is listed explicitly; values and types are exported apart.
// Styles ship separately: import '@accord/react/styles.css'.

/**
 * Props of `AttributionComparison`.
 *
 * @example
 * const props: AttributionComparisonProps = { models: ['first_touch', 'markov'], defaultMeasure: 'revenue' };
 */
export type { AttributionComparisonProps } from './components/AttributionComparison/AttributionComparison';
/**
 * Attribution models side by side: grouped bars per channel with a patterned legend, a share/revenue toggle and a table.
 *
 * @example
 * <AttributionComparison models={['first_touch', 'last_touch', 'w_shaped', 'markov']} />
 */
export { AttributionComparison } from './components/AttributionComparison/AttributionComparison';
/**
 * Props of `CommitteeCoverage`.
 *
 * @example
 * const props: CommitteeCoverageProps = { accountId: 'A000042', renderContact: (id) => names[id] ?? id };
 */
export type { CommitteeCoverageProps } from './components/CommitteeCoverage/CommitteeCoverage';
/**
 * An account's buying-committee coverage: n of d roles engaged, and each required role engaged, stale,
 * unengaged or missing, with its contacts and last engagement.
 *
 * @example
 * <CommitteeCoverage accountId={account.id} />
 */
export { CommitteeCoverage } from './components/CommitteeCoverage/CommitteeCoverage';
/**
 * Props of `CriteriaChecklist`.
 *
 * @example
 * const props: CriteriaChecklistProps = { reasons: [], emptyMessage: 'Nothing to check' };
 */
export type { CriteriaChecklistProps } from './components/CriteriaChecklist/CriteriaChecklist';
// Widgets
/**
 * Lists every comparison of a rule, met or not, with the field and the value found.
 *
 * @example
 * <CriteriaChecklist reasons={evaluateCriteria(lead, rule, { now }).reasons} />
 */
export { CriteriaChecklist } from './components/CriteriaChecklist/CriteriaChecklist';
/**
 * Props of `FitBadge`.
 *
 * @example
 * const props: FitBadgeProps = { lead, activities, touchpoints };
 */
export type { FitBadgeProps } from './components/FitBadge/FitBadge';
/**
 * The lead's ICP tier and fit score as a badge; the explanation — every criterion and intent signal with its
 * points — opens on hover and keyboard focus.
 *
 * @example
 * <FitBadge lead={lead} />
 */
export { FitBadge } from './components/FitBadge/FitBadge';
/**
 * Props of `FunnelChart`.
 *
 * @example
 * const props: FunnelChartProps = { from: '2026-01-01T00:00:00Z', groupBy: 'segment', group: 'enterprise' };
 */
export type { FunnelChartProps } from './components/FunnelChart/FunnelChart';
/**
 * The lead funnel as accessible SVG bars: leads per stage, conversion from the previous stage, a table alternative.
 *
 * @example
 * <FunnelChart from="2026-01-01T00:00:00Z" to="2026-04-01T00:00:00Z" />
 */
export { FunnelChart } from './components/FunnelChart/FunnelChart';
/**
 * Props of `ReconciliationView`.
 *
 * @example
 * const props: ReconciliationViewProps = { claims, rates: { EUR: 1.08 }, defaultKind: 'sourced' };
 */
export type { ReconciliationViewProps } from './components/ReconciliationView/ReconciliationView';
/**
 * Marketing's claimed pipeline bridged to the CRM-matched figure, delta class by delta class (a waterfall
 * with a table alternative), with drill-down to each claim, the unclaimed marketing-sourced deals and the coded issues.
 *
 * @example
 * <ReconciliationView claims={claims} renderOpportunity={(id) => <a href={`/crm/opps/${encodeURIComponent(id)}`}>{id}</a>} />
 */
export { ReconciliationView } from './components/ReconciliationView/ReconciliationView';
/**
 * Props of `RejectPicker`.
 *
 * @example
 * const props: RejectPickerProps = { lead, by: 'rep_ava', submitLabel: 'Reject lead' };
 */
export type { RejectPickerProps } from './components/RejectPicker/RejectPicker';
/**
 * A form to reject a lead with one of the agreement's reasons and its required detail; keyboard-complete,
 * optimistic, with Retry after a failed write.
 *
 * @example
 * <RejectPicker lead={lead} by={user.id} onSubmitted={(result) => runActions(result.actions)} />
 */
export { RejectPicker } from './components/RejectPicker/RejectPicker';
/**
 * Props of `RoutingTrace`.
 *
 * @example
 * const props: RoutingTraceProps = { lead, accounts, now: lead.createdAt };
 */
export type { RoutingTraceProps } from './components/RoutingTrace/RoutingTrace';
/**
 * Explains who routing assigns a lead to and why: every rule tried, every member skipped, the fallback.
 *
 * @example
 * <RoutingTrace lead={lead} accounts={accounts} now={lead.createdAt} />
 */
export { RoutingTrace } from './components/RoutingTrace/RoutingTrace';
/**
 * Props of `Scorecard`.
 *
 * @example
 * const props: ScorecardProps = { period: '2026-05', groupBy: 'source', metrics: ['leads', 'conversion.mql.sal'] };
 */
export type { ScorecardProps } from './components/Scorecard/Scorecard';
/**
 * The shared scorecard: metric tiles (value, target status, delta vs previous period, sparkline,
 * numerator/denominator, definition on hover and focus) and a drill-down table by a dimension.
 *
 * @example
 * <Scorecard period="2026-05" groupBy="source" grain="week" />
 */
export { Scorecard } from './components/Scorecard/Scorecard';
/**
 * Props of `SlaQueue`.
 *
 * @example
 * const props: SlaQueueProps = { defaultFilters: { side: 'sales' }, rowHeight: 56 };
 */
export type { SlaQueueProps } from './components/SlaQueue/SlaQueue';
/**
 * A rep's SLA work queue: virtualised rows with live countdowns, overdue first, filters, escalation badges, keyboard navigation.
 *
 * @example
 * <SlaQueue onOpenLead={(row) => navigate(`/leads/${row.leadId}`)} defaultFilters={{ side: 'sales' }} />
 */
export { SlaQueue } from './components/SlaQueue/SlaQueue';
/**
 * Props of `StageGate`.
 *
 * @example
 * const props: StageGateProps = { lead, toStage: 'sql', defaultExpanded: true };
 */
export type { StageGateProps } from './components/StageGate/StageGate';
/**
 * Shows whether a lead may move to a stage, which checks fail, and every check on demand.
 *
 * @example
 * <StageGate lead={lead} toStage="sql" />
 */
export { StageGate } from './components/StageGate/StageGate';
/**
 * Props of `WinLossPanel`.
 *
 * @example
 * const props: WinLossPanelProps = { groupBy: 'source', from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
 */
export type { WinLossPanelProps } from './components/WinLossPanel/WinLossPanel';
/**
 * Win and no-decision rates per group with their 95% intervals, cycle length won vs lost, loss reasons and
 * objection themes; small groups are marked too few to read.
 *
 * @example
 * <WinLossPanel groupBy="source" />
 */
export { WinLossPanel } from './components/WinLossPanel/WinLossPanel';
/**
 * Options, result, state and measure types of `useAttribution`.
 *
 * @example
 * const options: UseAttributionOptions = { models: ['linear', 'shapley'], defaultMeasure: 'share' };
 */
export type {
  AttributionMeasure,
  AttributionState,
  UseAttributionOptions,
  UseAttributionResult,
} from './hooks/useAttribution';
/**
 * Headless attribution comparison: per channel, credit share and revenue under each model, the measure toggle, the query state.
 *
 * @example
 * const { rows, models, figureOf, measure, setMeasure } = useAttribution({ models: ['first_touch', 'markov'] });
 */
export { useAttribution } from './hooks/useAttribution';
/**
 * Options, result and row types of `useCommitteeCoverage`.
 *
 * @example
 * const options: UseCommitteeCoverageOptions = { now: '2026-07-01T00:00:00Z' };
 */
export type {
  CommitteeCoverageState,
  CommitteeRoleRow,
  UseCommitteeCoverageOptions,
  UseCommitteeCoverageResult,
} from './hooks/useCommitteeCoverage';
/**
 * Headless buying-committee coverage of an account, loaded through the adapter.
 *
 * @example
 * const { state, roles, coverage } = useCommitteeCoverage(accountId);
 */
export { useCommitteeCoverage } from './hooks/useCommitteeCoverage';
/**
 * Options, result, state and prop types of `useDispositionPicker`.
 *
 * @example
 * const options: UseDispositionPickerOptions = { reasons: ['competitor', 'no_budget'], by: 'rep_ava' };
 */
export type {
  DispositionDetailField,
  DispositionDetailProps,
  DispositionPickerErrors,
  DispositionPickerStatus,
  DispositionReasonOption,
  UseDispositionPickerOptions,
  UseDispositionPickerResult,
} from './hooks/useDispositionPicker';
/**
 * Headless reject / recycle form: the agreement's reasons, the required detail, validation by the core,
 * and the write as a mutation (optimistic update, rollback, retry, no double submit).
 *
 * @example
 * const picker = useDispositionPicker(lead, { by: 'rep_ava' });
 * <form {...picker.getFormProps()}>…<button {...picker.getSubmitProps()}>Reject lead</button></form>
 */
export { useDispositionPicker } from './hooks/useDispositionPicker';
/**
 * Options, result and row types of `useFitScore`.
 *
 * @example
 * const options: UseFitScoreOptions = { activities, touchpoints };
 */
export type {
  EngagementSignalRow,
  FitCriterionRow,
  FitScoreState,
  UseFitScoreOptions,
  UseFitScoreResult,
} from './hooks/useFitScore';
/**
 * Headless fit and engagement scores of a lead, with a row per criterion and signal.
 *
 * @example
 * const { state, tier, criteria } = useFitScore(lead, { activities, touchpoints });
 */
export { useFitScore } from './hooks/useFitScore';
/**
 * Options, result and state types of `useFunnel`.
 *
 * @example
 * const options: UseFunnelOptions = { groupBy: 'source', group: 'webinar' };
 */
export type { FunnelState, UseFunnelOptions, UseFunnelResult } from './hooks/useFunnel';
/**
 * Headless lead funnel: stage counts, conversions, median times, a summary, and the query state.
 *
 * @example
 * const { state, steps, max, summary, retry } = useFunnel({ from: '2026-01-01T00:00:00Z' });
 */
export { useFunnel } from './hooks/useFunnel';
/**
 * The current instant from the provider's clock, re-rendering every `intervalMs` (or when a manual clock moves).
 *
 * @example
 * const now = useNow(1000);
 */
export { useNow } from './hooks/useNow';
/**
 * Options, result and step types of `useReconciliation`.
 *
 * @example
 * const options: UseReconciliationOptions = { claims, from: '2026-03-01T00:00:00Z' };
 */
export type {
  ReconciliationIssueGroup,
  ReconciliationKind,
  ReconciliationState,
  ReconciliationStep,
  UseReconciliationOptions,
  UseReconciliationResult,
} from './hooks/useReconciliation';
/**
 * Headless reconciliation: the bridge from claimed to matched, the claims of a selected delta class, expansion and prop getters.
 *
 * @example
 * const { steps, getClassButtonProps, selectedClaims } = useReconciliation({ claims });
 */
export { useReconciliation } from './hooks/useReconciliation';
/**
 * Options, result and step types of `useRoutingTrace`.
 *
 * @example
 * const options: UseRoutingTraceOptions = { accounts, outOfOffice: ['rep_ava'] };
 */
export type {
  RoutingTraceStep,
  RoutingTraceStepState,
  UseRoutingTraceOptions,
  UseRoutingTraceResult,
} from './hooks/useRoutingTrace';
/**
 * "Why this owner": runs the core's routeLead with a full trace and shapes every step for display.
 *
 * @example
 * const { result, steps } = useRoutingTrace(lead, { accounts, now: lead.createdAt });
 */
export { useRoutingTrace } from './hooks/useRoutingTrace';
/**
 * Options, result and part types of `useScorecard`.
 *
 * @example
 * const options: UseScorecardOptions = { period: '2026-05', defaultDrillBy: 'owner', grain: 'month' };
 */
export type {
  ScorecardCell,
  ScorecardDefinitionProps,
  ScorecardDelta,
  ScorecardDeltaTone,
  ScorecardGroupRow,
  ScorecardTile,
  ScorecardTileProps,
  ScorecardTileStatus,
  ScorecardTrend,
  ScorecardTrendGrain,
  ScorecardTrendPoint,
  UseScorecardOptions,
  UseScorecardResult,
} from './hooks/useScorecard';
/**
 * Headless scorecard: tiles, trends and drill-down rows derived once per result, plus prop getters
 * (getTileProps, getDefinitionTriggerProps, getDefinitionProps, getDimensionProps, getGroupToggleProps).
 *
 * @example
 * const { tiles, drillRows, getTileProps, getDefinitionTriggerProps, getDefinitionProps } = useScorecard({ period: '2026-05' });
 */
export { useScorecard } from './hooks/useScorecard';
/**
 * Options, result and value types of `useSlaQueue`.
 *
 * @example
 * const filters: SlaQueueFilters = { state: 'breached', ownerId: 'rep_ava' };
 */
export type {
  SlaCountdown,
  SlaQueueFilters,
  SlaQueueState,
  UseSlaQueueOptions,
  UseSlaQueueResult,
} from './hooks/useSlaQueue';
/**
 * Headless SLA queue: open clocks ranked by next breach, per-tick states from precomputed instants, filters, counts, keyboard navigation.
 *
 * @example
 * const queue = useSlaQueue({ onOpenLead: (row) => open(row.leadId) });
 * const { state, remainingMinutes } = queue.getCountdown(queue.rows[0]);
 */
export { useSlaQueue } from './hooks/useSlaQueue';
/**
 * Options, result and prop types of `useStageGate`.
 *
 * @example
 * const options: UseStageGateOptions = { defaultExpanded: true };
 */
export type {
  StageGateDetailsProps,
  StageGateRootProps,
  StageGateState,
  UseStageGateOptions,
  UseStageGateResult,
} from './hooks/useStageGate';
// Hooks
/**
 * Headless stage gate: the transition verdict, its state and prop getters for custom markup.
 *
 * @example
 * const { state, failing, getRootProps, getToggleProps, getDetailsProps } = useStageGate(lead, 'sql');
 */
export { useStageGate } from './hooks/useStageGate';
/**
 * Options, result and row types of `useWinLoss`.
 *
 * @example
 * const options: UseWinLossOptions = { groupBy: 'campaignId' };
 */
export type {
  CountedRow,
  ProportionText,
  UseWinLossOptions,
  UseWinLossResult,
  WinLossGroupRow,
  WinLossState,
} from './hooks/useWinLoss';
/**
 * Headless win/loss metrics per group, loaded through the adapter.
 *
 * @example
 * const { state, rows, totals } = useWinLoss({ groupBy: 'source' });
 */
export { useWinLoss } from './hooks/useWinLoss';
/**
 * Props of `AccordProvider` and the value `useAccord` returns.
 *
 * @example
 * const props: AccordProviderProps = { agreement: defaultAgreement, clock: () => 0 };
 */
export type { AccordContextValue, AccordProviderProps } from './provider/AccordProvider';
// Provider
/**
 * Supplies the agreement and the clock to every Accord hook and widget below it.
 *
 * @example
 * <AccordProvider agreement={defaultAgreement}>
 *   <StageGate lead={lead} toStage="sql" />
 * </AccordProvider>
 */
/**
 * Reads `{ agreement, now }` from the nearest `AccordProvider`; throws outside one.
 *
 * @example
 * const { agreement, now } = useAccord();
 */
export { AccordProvider, useAccord } from './provider/AccordProvider';
/**
 * The part of an `@accord/adapters` adapter the data hooks use (any adapter fits), and its page types.
 *
 * @example
 * const adapter: AccordAdapter = createMemoryAdapter(sample);
 */
export type { AccordAdapter, AccordListOptions, AccordPage } from './provider/adapter.types';
/**
 * The provider's clock: `now()`, and `subscribe` for live widgets; a manual clock moves only when told.
 *
 * @example
 * const clock: ManualClock = createManualClock('2026-03-10T15:00:00Z');
 */
export type { AccordClock, ManualClock } from './provider/clock';
/**
 * A clock for tests and stories that moves only on `set` and `advance`; live widgets re-render when it does.
 *
 * @example
 * const clock = createManualClock('2026-03-10T15:00:00Z');
 * act(() => clock.advance(60_000));
 */
export { createManualClock } from './provider/clock';
/**
 * Register the host's agreement type once to type-check stage ids in every hook and widget.
 *
 * @example
 * declare module '@accord/react' {
 *   interface Register {
 *     agreement: typeof agreement;
 *   }
 * }
 */
export type { Register, RegisteredAgreement, RegisteredStageId } from './provider/provider.types';
// Queries
/**
 * Query keys of every Accord query: invalidate `accordKeys.all(adapter)` to refetch what an adapter feeds.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: accordKeys.all(adapter) });
 */
export { accordKeys } from './queries/accordKeys';
/**
 * Parameters, rows and resolved view of `attributionQueryOptions`.
 *
 * @example
 * const view: AttributionView = await queryClient.fetchQuery(attributionQueryOptions(adapter, { agreement }));
 */
export type { AttributionQueryParams, AttributionRow, AttributionView } from './queries/attributionQueryOptions';
/**
 * Query options comparing attribution models (shared records, `buildJourneys`, `compareAttribution`).
 *
 * @example
 * await queryClient.prefetchQuery(attributionQueryOptions(adapter, { agreement, models: ['first_touch', 'markov'] }));
 */
export { attributionQueryOptions } from './queries/attributionQueryOptions';
/**
 * Query options for an account's committee coverage, computed from the shared records.
 *
 * @example
 * await queryClient.prefetchQuery(committeeCoverageQueryOptions(adapter, { agreement, accountId, now }));
 */
export {
  type CommitteeCoverageQueryParams,
  type CommitteeCoverageView,
  committeeCoverageQueryOptions,
} from './queries/committeeCoverageQueryOptions';
/**
 * Variables and rollback snapshot of the disposition mutation.
 *
 * @example
 * const variables: DispositionMutationVariables = { leadId: 'L-1', disposition: { reasonId: 'no_budget', at: now } };
 */
export type { DispositionMutationSnapshot, DispositionMutationVariables } from './queries/dispositionMutationOptions';
/**
 * Mutation options that write a disposition through the adapter, updating the records cache optimistically
 * (rolled back on error) and invalidating the adapter's views when settled.
 *
 * @example
 * const write = useMutation(dispositionMutationOptions(adapter, queryClient));
 */
export { dispositionMutationOptions } from './queries/dispositionMutationOptions';
/**
 * Parameters of `funnelQueryOptions`.
 *
 * @example
 * const params: FunnelQueryParams = { agreement, groupBy: 'segment' };
 */
export type { FunnelQueryParams } from './queries/funnelQueryOptions';
/**
 * Query options for the lead funnel (shared records, then `computeFunnel`); prefetch them on the server.
 *
 * @example
 * await queryClient.prefetchQuery(funnelQueryOptions(adapter, { agreement, from: '2026-01-01T00:00:00Z' }));
 */
export { funnelQueryOptions } from './queries/funnelQueryOptions';
/**
 * A lead's activities and touchpoints, loaded once and shared by every badge on the page.
 *
 * @example
 * const { activities, touchpoints } = await queryClient.fetchQuery(leadEventsQueryOptions(adapter));
 */
export { activitiesOf, type LeadEvents, leadEventsQueryOptions, touchpointsOf } from './queries/leadEventsQueryOptions';
/**
 * Parameters of `reconciliationQueryOptions`.
 *
 * @example
 * const params: ReconciliationQueryParams = { agreement, claims, rates: { EUR: 1.08 } };
 */
export type { ReconciliationQueryParams } from './queries/reconciliationQueryOptions';
/**
 * Query options running core `reconcile` over the adapter's records and the host's claims.
 *
 * @example
 * await queryClient.prefetchQuery(reconciliationQueryOptions(adapter, { agreement, claims }));
 */
export { reconciliationQueryOptions } from './queries/reconciliationQueryOptions';
/**
 * Every record an adapter lists, as loaded by `recordsQueryOptions`.
 *
 * @example
 * const { leads }: AccordRecords = await queryClient.fetchQuery(recordsQueryOptions(adapter));
 */
export type { AccordRecords } from './queries/recordsQueryOptions';
/**
 * Query options that load an adapter's records once for the in-memory views (prefetch them on the server).
 *
 * @example
 * await queryClient.prefetchQuery(recordsQueryOptions(adapter));
 */
export { recordsQueryOptions } from './queries/recordsQueryOptions';
/**
 * Parameters of `scorecardQueryOptions`: the agreement, every `computeScorecard` option, and `accounts`.
 *
 * @example
 * const params: ScorecardQueryParams = { agreement, asOf: Date.now(), groupBy: ['source'] };
 */
export type { ScorecardQueryParams } from './queries/scorecardQueryOptions';
/**
 * Query options for the scorecard: pushed down to `adapter.runScorecard` when the adapter can, otherwise
 * `computeScorecard` over the shared records. Key: `accordKeys.view(adapter, 'scorecard', agreement, params)`.
 *
 * @example
 * await queryClient.prefetchQuery(scorecardQueryOptions(adapter, { agreement, asOf: Date.now(), period: '2026-05', compareTo: 'previous' }));
 */
export { scorecardQueryOptions } from './queries/scorecardQueryOptions';
/**
 * Parameters of `slaQueueQueryOptions`.
 *
 * @example
 * const params: SlaQueueQueryParams = { agreement, asOf: '2026-03-10T15:00:00Z' };
 */
export type { SlaQueueQueryParams } from './queries/slaQueueQueryOptions';
/**
 * Query options for the SLA queue (every open clock with its instants), computed from the shared records query; prefetch on the server.
 *
 * @example
 * await queryClient.prefetchQuery(slaQueueQueryOptions(adapter, { agreement }));
 */
export { slaQueueQueryOptions } from './queries/slaQueueQueryOptions';
/**
 * Query options for win/loss metrics, computed from the shared records.
 *
 * @example
 * await queryClient.prefetchQuery(winLossQueryOptions(adapter, { agreement, groupBy: 'source' }));
 */
export { type WinLossQueryParams, winLossQueryOptions } from './queries/winLossQueryOptions';
