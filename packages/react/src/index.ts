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
