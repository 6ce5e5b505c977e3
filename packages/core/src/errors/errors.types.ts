/** One step of the location of an issue: an object key or an array index. */
export type PathSegment = string | number;

/** The kind of entity an id refers to, in `duplicate_id` and `unknown_*` issues. */
export type EntityKind =
  | 'stage'
  | 'calendar'
  | 'reason'
  | 'sla'
  | 'pool'
  | 'member'
  | 'rule'
  | 'territory'
  | 'suppression'
  | 'metric'
  | 'record'
  | 'criterion'
  | 'signal'
  | 'tier'
  | 'role'
  | 'requirement'
  | 'loss_reason'
  | 'theme'
  | 'version'
  | 'decision'
  | 'claim';

/** The formats Accord checks beyond plain types. */
export type IssueFormat =
  | 'id'
  | 'metric_id'
  | 'date'
  | 'time_of_day'
  | 'currency'
  | 'field_path'
  | 'regex_flags'
  | 'version';

/** Fields every issue has. `path` locates the value; `message` comes from the error map. */
export interface IssueBase {
  /** Where the offending value sits, from the root of the input: `['stages', 2, 'entry', 'field']`. */
  readonly path: readonly PathSegment[];
  /** A readable English sentence (or the override's); never quotes personal data. */
  readonly message: string;
}

/** Issue payloads, discriminated on `code` (snake_case), without `path` and `message`. */
export type IssueDetail =
  | { code: 'invalid_type'; expected: string; received: string }
  | { code: 'invalid_value'; expected: readonly (string | number | boolean | null)[] }
  | { code: 'invalid_format'; format: IssueFormat; received?: string }
  | { code: 'too_small'; minimum: number; inclusive: boolean; origin: 'number' | 'string' | 'array' }
  | { code: 'too_big'; maximum: number; inclusive: boolean; origin: 'number' | 'string' | 'array' }
  | { code: 'not_integer' }
  | { code: 'unrecognized_keys'; keys: readonly string[] }
  | { code: 'invalid_json'; line: number; column: number; detail: string }
  | { code: 'too_large'; bytes: number; maxBytes: number }
  | { code: 'too_deep'; maxDepth: number }
  | { code: 'unsafe_path'; segment: string }
  | { code: 'invalid_timezone'; timezone: string }
  | { code: 'invalid_instant'; received: string }
  | { code: 'invalid_regex'; detail: string }
  | { code: 'invalid_interval'; start: string; end: string }
  | { code: 'overlapping_intervals'; first: readonly [string, string]; second: readonly [string, string] }
  | { code: 'duplicate_id'; kind: EntityKind; id: string; firstPath: readonly PathSegment[] }
  | { code: 'unknown_stage'; stageId: string; known: readonly string[] }
  | { code: 'unknown_calendar'; calendarId: string; known: readonly string[] }
  | { code: 'unknown_reason'; reasonId: string; known: readonly string[] }
  | { code: 'unknown_pool'; poolId: string; known: readonly string[] }
  | { code: 'unknown_metric'; metricId: string }
  | { code: 'empty_funnel' }
  | { code: 'missing_recycle_stage' }
  | { code: 'missing_calendar'; slaId: string }
  | { code: 'not_a_recycle_stage'; stageId: string }
  | { code: 'not_increasing'; previous: number; value: number }
  | { code: 'not_descending'; previous: number; value: number }
  | { code: 'weights_mismatch'; expected: number; received: number }
  | { code: 'stage_out_of_order'; stageId: string; after: string }
  | { code: 'invalid_argument'; detail: string }
  | { code: 'invalid_csv'; line: number; column?: number; detail: string }
  | { code: 'invalid_encoding'; line: number; byteOffset: number }
  | { code: 'missing_column'; column: string }
  | { code: 'unknown_column'; column: string; expected: readonly string[] }
  | { code: 'instant_out_of_range'; received: string; min: string; max: string }
  | { code: 'missing_calendar_for_clock'; slaId: string }
  | { code: 'detail_required'; reasonId: string; label: string }
  | { code: 'invalid_detail'; reasonId: string; expected: string }
  | { code: 'reason_not_applicable'; reasonId: string; stageId: string | null; allowed: readonly string[] }
  | { code: 'transition_not_allowed'; from: string | null; to: string; detail: string }
  | { code: 'empty_path' }
  | { code: 'unknown_channel'; channel: string; known: readonly string[] }
  | { code: 'touch_after_conversion'; channel: string; touchAt: string; conversionAt: string }
  | { code: 'unknown_role'; roleId: string; known: readonly string[] }
  | { code: 'unknown_loss_reason'; reasonId: string; known: readonly string[] }
  | { code: 'unknown_theme'; themeId: string; known: readonly string[] }
  | { code: 'loss_reason_on_won'; opportunityId: string; reasonId: string }
  | { code: 'unknown_score'; field: string; known: readonly string[] }
  | { code: 'score_not_defined'; field: string; section: 'icp' | 'intent' }
  | { code: 'currency_mismatch'; expected: string; received: string }
  | { code: 'unknown_opportunity'; opportunityId: string }
  | { code: 'unknown_lead'; leadId: string }
  | { code: 'version_mismatch'; expected: string; received: string }
  | { code: 'overlapping_versions'; version: string; other: string; effectiveFrom: string }
  | { code: 'future_version'; version: string; effectiveFrom: string }
  | { code: 'no_version_in_force'; recordId: string; firstEffectiveFrom: string };

/** Every issue code Accord can report. */
export type IssueCode = IssueDetail['code'];

/**
 * A coded, located problem with an input: a union discriminated on `code` (like zod's issues).
 * Each code carries its own fields (`stageId` and `known` for `unknown_stage`, …).
 */
export type AccordIssue = IssueBase & IssueDetail;

/** The issue as it is raised, before the error map gives it a message. */
export type RawIssue = IssueDetail & { readonly path: readonly PathSegment[] };

/** The issue with the given code. */
export type IssueOf<C extends IssueCode> = Extract<AccordIssue, { code: C }>;

/**
 * Turns a raw issue into a message. Return `undefined` to fall through to the next map
 * (per call → global → Accord's English default), as zod does.
 */
export type ErrorMap = (issue: RawIssue) => string | undefined;

/** Options every boundary parser accepts. */
export interface ParseOptions {
  /** Overrides messages for this call only; see {@link setErrorMap} for the global override. */
  errorMap?: ErrorMap;
}

/** The result of a `safeParse*` function: the data, or an error holding every issue. */
export type SafeParseResult<T> =
  | { success: true; data: T; error?: undefined }
  | { success: false; data?: undefined; error: import('./AccordError').AccordError };
