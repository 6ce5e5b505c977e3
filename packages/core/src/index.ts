// @accord/core — the public API. Every name is listed explicitly; `_lib/` stays private.

export { toEpochMs } from './_lib/instant';
export { type Proportion, wilson } from './_lib/wilson';
// Agreement
export { AgreementSchema, CalendarSchema, RuleSchema } from './agreement/agreement.schemas';
export type {
  AcceptanceRateSla,
  Agreement,
  AttributionModel,
  AttributionSettings,
  BuyingCommitteeDefinition,
  BuyingRole,
  CalendarDefinition,
  CalendarId,
  CommitteeRequirement,
  CouncilDecision,
  DispositionAction,
  DispositionDetail,
  DispositionReason,
  DispositionSla,
  EscalationAction,
  EscalationStep,
  FirstTouchSla,
  Holiday,
  HoursInterval,
  IcpCriterion,
  IcpDefinition,
  IcpTiers,
  IntentDefinition,
  IntentSignal,
  LeadStandard,
  LeadStandardSla,
  LossCategory,
  LossReason,
  MetricDefinition,
  MetricExpression,
  MetricOwner,
  MetricTarget,
  ObjectionTheme,
  Pool,
  PoolId,
  PoolMember,
  ReasonId,
  RoutingAssignment,
  RoutingDefinition,
  RoutingRule,
  SlaClock,
  SlaDefinition,
  SlaDuration,
  SlaId,
  StageDefinition,
  StageId,
  StageKind,
  SuppressionRule,
  TargetAccountsDefinition,
  TargetAccountTier,
  Team,
  Territory,
  TouchesSla,
  TransitionPolicy,
  Weekday,
  WinLossDefinition,
} from './agreement/agreement.types';
export { defaultAgreement } from './agreement/defaultAgreement';
export { defineAgreement } from './agreement/defineAgreement';
export {
  DEFAULT_AGREEMENT_MAX_BYTES,
  type ParseAgreementOptions,
  parseAgreement,
  safeParseAgreement,
} from './agreement/parseAgreement';
export { type AgreementSummary, summarizeAgreement } from './agreement/summarizeAgreement';
export { SHAPLEY_EXACT_MAX_CHANNELS } from './attribution/_shapley';
// Attribution
export { type AttributionComparisonRow, attribute, compareAttribution } from './attribution/attribute';
export type {
  AttributeOptions,
  AttributionDiagnostics,
  AttributionResult,
  CampaignCredit,
  ChannelCredit,
  Journey,
  JourneyCredit,
  JourneyTouch,
  PathRow,
  PositionWeights,
} from './attribution/attribution.types';
export { type BuildJourneysOptions, type BuildJourneysResult, buildJourneys } from './attribution/buildJourneys';
// Criteria
export { type CriteriaPredicate, compileCriteria } from './criteria/compileCriteria';
export type {
  AllRule,
  AnyRule,
  ContainsRule,
  CriterionReason,
  EqualityRule,
  EvaluateCriteriaOptions,
  EvaluateCriteriaResult,
  ExistsRule,
  FieldOp,
  FieldRule,
  InstantRule,
  MatchesRule,
  MembershipRule,
  NotRule,
  RangeRule,
  Rule,
  RuleMeta,
  ScalarValue,
  WithinDaysRule,
} from './criteria/criteria.types';
export { evaluateCriteria } from './criteria/evaluateCriteria';
export { parseCriteria, safeParseCriteria } from './criteria/parseCriteria';
// Dispositions
export { applyDisposition } from './dispositions/applyDisposition';
export { type ComputeRejectMixOptions, computeRejectMix } from './dispositions/computeRejectMix';
export type {
  ApplyDispositionResult,
  DispositionActionRequest,
  DispositionInput,
  RejectMixRow,
} from './dispositions/dispositions.types';
// Errors
export { AccordError } from './errors/AccordError';
export { defaultErrorMap, setErrorMap } from './errors/errorMap';
export type {
  AccordIssue,
  EntityKind,
  ErrorMap,
  IssueCode,
  IssueDetail,
  IssueFormat,
  IssueOf,
  ParseOptions,
  PathSegment,
  RawIssue,
  SafeParseResult,
} from './errors/errors.types';
export { type FlattenIssuesResult, flattenIssues } from './errors/flattenIssues';
export { type FormatIssuesOptions, formatIssues } from './errors/formatIssues';
export { formatPath } from './errors/formatPath';
// Governance
export { agreementInForce } from './governance/agreementInForce';
export { buildCouncilReport } from './governance/buildCouncilReport';
export { buildGlossary, type Glossary, type GlossarySection, type GlossaryTerm } from './governance/buildGlossary';
export type {
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
  CouncilScorecard,
  CouncilSlas,
  CouncilSlaTeam,
  CouncilUnit,
  CouncilWatchedMetric,
} from './governance/council.types';
export { describeRule } from './governance/describeRule';
export { diffAgreements } from './governance/diffAgreements';
export type {
  AgreementChange,
  AgreementDiff,
  PilotCell,
  PilotMetric,
  PilotResult,
  PilotRow,
  PilotStageSplit,
  RunPilotOptions,
} from './governance/governance.types';
export {
  type ParseAgreementHistoryOptions,
  parseAgreementHistory,
  safeParseAgreementHistory,
} from './governance/parseAgreementHistory';
export { runPilot } from './governance/runPilot';
export {
  type ReviewItem,
  type ReviewSample,
  type SampleForReviewOptions,
  sampleForReview,
} from './governance/sampleForReview';
export {
  type CombinedMetric,
  type ScorecardByVersionOptions,
  scorecardByVersion,
  type VersionedScorecard,
  type VersionSegment,
} from './governance/scorecardByVersion';
export type {
  AccountEngagementReason,
  AccountOptions,
  AccountScore,
  AccountTierResult,
  CommitteeCoverage,
  EvaluateCommitteeCoverageOptions,
  RoleCoverage,
  RoleState,
  SummarizeTargetAccountsOptions,
  SummaryValue,
  TargetAccountData,
  TargetAccountRow,
  TargetAccountSummary,
  TierAccountOptions,
} from './icp/accounts.types';
export { evaluateCommitteeCoverage } from './icp/evaluateCommitteeCoverage';
// ICP and scoring
export type {
  EngagementReason,
  EngagementScore,
  FitReason,
  FitScore,
  IcpTier,
  LeadScores,
  ScoredLead,
  ScoreLeadOptions,
  ScoreLeadResult,
} from './icp/icp.types';
export { reviewIcp } from './icp/reviewIcp';
export type {
  CriterionReview,
  IcpProposal,
  IcpReview,
  IcpSlice,
  LiftCell,
  ReasonsBy,
  ReviewIcpData,
  ReviewIcpOptions,
} from './icp/reviewIcp.types';
export { sampleAccountPlays } from './icp/sampleAccountPlays';
export { sampleIcp } from './icp/sampleIcp';
export { scoreAccount } from './icp/scoreAccount';
export { scoreLead } from './icp/scoreLead';
export { summarizeTargetAccounts } from './icp/summarizeTargetAccounts';
export { tierAccount } from './icp/tierAccount';
export { withScores } from './icp/withScores';
// Lifecycle
export {
  type ComputeFunnelOptions,
  type ComputeFunnelResult,
  computeFunnel,
  type FunnelGroup,
  type FunnelStep,
} from './lifecycle/computeFunnel';
export { deriveLifecycle } from './lifecycle/deriveLifecycle';
export { evaluateLeadStandard } from './lifecycle/evaluateLeadStandard';
export { evaluateTransition } from './lifecycle/evaluateTransition';
export type {
  DeriveLifecycleOptions,
  DeriveLifecycleResult,
  EvaluateLeadStandardResult,
  EvaluateTransitionOptions,
  EvaluateTransitionResult,
  MissingField,
  StageVisit,
  SuppressionHit,
  TransitionCheck,
  TransitionMove,
  TransitionReason,
} from './lifecycle/lifecycle.types';
export { scorecardNodeConditions } from './metrics/_execute';
// Metrics
export { BUILT_IN_METRIC_IDS, isBuiltInMetricId } from './metrics/isBuiltInMetricId';
export { defaultScorecardMetrics, describeMetric, listMetrics } from './metrics/listMetrics';
export type { MetricInfo, MetricView } from './metrics/metrics.types';
export { type ScorecardFacts, scorecardFacts } from './metrics/scorecardFacts';
// Reconciliation
export {
  type ParseMarketingClaimsOptions,
  type ParseMarketingClaimsResult,
  parseMarketingClaims,
} from './reconcile/parseMarketingClaims';
export { reconcile } from './reconcile/reconcile';
export { MARKETING_CLAIM_FIELDS, MarketingClaimSchema } from './reconcile/reconcile.schemas';
export type {
  DeltaClass,
  MarketingClaim,
  ReconcileData,
  ReconciledClaim,
  ReconcileOptions,
  Reconciliation,
  ReconciliationTotals,
  RefusedClaim,
} from './reconcile/reconcile.types';
// Canonical records
export {
  AccountSchema,
  ActivitySchema,
  LeadDispositionSchema,
  LeadSchema,
  OpportunitySchema,
  RecordSchemas,
  SpendSchema,
  StageEventSchema,
  TouchpointSchema,
} from './records/records.schemas';
export type {
  Account,
  Activity,
  AttributeValue,
  Instant,
  Lead,
  LeadDisposition,
  Opportunity,
  OpportunityLoss,
  RecordKind,
  RecordTypes,
  Spend,
  StageEvent,
  Touchpoint,
} from './records/records.types';
export { toInstantMs } from './records/toInstantMs';
export {
  type ValidateRecordsOptions,
  type ValidateRecordsResult,
  validateRecords,
} from './records/validateRecords';
// Routing
export {
  type AuditRoutingOptions,
  type AuditRoutingResult,
  auditRouting,
  type ExpectedOwner,
  type Misroute,
} from './routing/auditRouting';
export { createAccountDirectory, isPersonalMailDomain, registrableDomain } from './routing/createAccountDirectory';
export { createRouter, type Router, type RouterDecision, type RouterRouteOptions } from './routing/createRouter';
export { createRoutingState } from './routing/createRoutingState';
export { lintRouting, type RoutingFinding } from './routing/lintRouting';
export { type AccountMatch, matchLeadToAccount } from './routing/matchLeadToAccount';
export { type ReplayRoutingResult, type RoutingChange, replayRouting } from './routing/replayRouting';
export { routeLead } from './routing/routeLead';
export type {
  AccountDirectory,
  Assignee,
  MemberLoad,
  MemberSkip,
  PoolState,
  RouteLeadOptions,
  RouteLeadResult,
  RoutingState,
  RoutingTraceEntry,
} from './routing/routing.types';
// Sample data
export {
  type GenerateSampleOptions,
  type GenerateSampleResult,
  generateSample,
} from './sample/generateSample';
// Scorecard
export {
  computeScorecard,
  computeScorecardWith,
  createMemoryScorecardEngine,
} from './scorecard/computeScorecard';
export type {
  ComputeScorecardOptions,
  Grain,
  MetricValue,
  PeriodInput,
  ScorecardData,
  ScorecardResult,
  ScorecardRow,
  TargetStatus,
  WeekStart,
} from './scorecard/scorecard.types';
export type {
  DurationPair,
  ScorecardCondition,
  ScorecardEngine,
  ScorecardExecution,
  ScorecardFact,
  ScorecardGrouping,
  ScorecardInput,
  ScorecardNode,
  ScorecardNodeResult,
  ScorecardNodeValue,
  ScorecardPeriod,
} from './scorecard/scorecardEngine.types';
// Calendars and SLAs
export { addBusinessMinutes } from './sla/addBusinessMinutes';
export { businessMinutesBetween } from './sla/businessMinutesBetween';
export {
  type AcceptanceRatePeriod,
  type ComputeAcceptanceRatesOptions,
  computeAcceptanceRates,
} from './sla/computeAcceptanceRates';
export {
  type ComputeSlaQueueOptions,
  type ComputeSlaQueueResult,
  computeSlaQueue,
  type SlaQueueEntry,
  type SlaQueueEscalation,
} from './sla/computeSlaQueue';
export { computeSlaStatus } from './sla/computeSlaStatus';
export {
  type EvaluateLeadSlasOptions,
  type EvaluateLeadSlasResult,
  evaluateLeadSlas,
} from './sla/evaluateLeadSlas';
export { isWithinBusinessHours } from './sla/isWithinBusinessHours';
export { nextBusinessOpen } from './sla/nextBusinessOpen';
export { rankByNextBreach } from './sla/rankByNextBreach';
export { type SelectSlaPoliciesResult, selectSlaPolicies } from './sla/selectSlaPolicies';
export type {
  ClockSla,
  ComputeSlaStatusOptions,
  LeadSla,
  SlaEscalation,
  SlaPause,
  SlaPolicyChoice,
  SlaState,
  SlaStatus,
  SlaStopReason,
  SlaWarning,
} from './sla/sla.types';
export { type SlaTally, type SummarizeSlasResult, summarizeSlas } from './sla/summarizeSlas';
export { type CheckWinLossOptions, checkWinLoss } from './winloss/checkWinLoss';
export { computeWinLoss } from './winloss/computeWinLoss';
export { sampleWinLoss } from './winloss/sampleWinLoss';
export type {
  ComputeWinLossOptions,
  CountedId,
  WinLossData,
  WinLossDimension,
  WinLossResult,
  WinLossRow,
} from './winloss/winloss.types';
