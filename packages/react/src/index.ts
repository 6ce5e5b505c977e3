// @accord/react — the public API. Every name is listed explicitly; values and types are exported apart.
// Styles ship separately: import '@accord/react/styles.css'.

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
 * The current instant from the provider's clock, re-rendering every `intervalMs` (or when a manual clock moves).
 *
 * @example
 * const now = useNow(1000);
 */
export { useNow } from './hooks/useNow';
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
