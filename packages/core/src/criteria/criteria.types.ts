import type { Instant } from '../records/records.types';

/** A value a rule compares against. */
export type ScalarValue = string | number | boolean | null;

/** Optional naming shared by every rule node; `label` is what explanations show. */
export interface RuleMeta {
  /** A stable id, to refer to this criterion in reports. */
  id?: string;
  /** A readable name, e.g. `"ICP: 50+ employees"`. */
  label?: string;
}

/** Passes when every child passes. */
export interface AllRule extends RuleMeta {
  all: readonly Rule[];
}
/** Passes when at least one child passes. */
export interface AnyRule extends RuleMeta {
  any: readonly Rule[];
}
/** Passes when the child fails. */
export interface NotRule extends RuleMeta {
  not: Rule;
}

interface FieldRuleBase extends RuleMeta {
  /** A dotted path into the record: `"country"`, `"attributes.employees"`, `"stageDates.mql"`. */
  field: string;
}

/** `eq` / `ne`: equal (strict, no type coercion) or not. `eq null` matches a missing value. */
export interface EqualityRule extends FieldRuleBase {
  op: 'eq' | 'ne';
  value: ScalarValue;
  ignoreCase?: boolean;
}
/** `in` / `nin`: one of, none of. */
export interface MembershipRule extends FieldRuleBase {
  op: 'in' | 'nin';
  value: readonly ScalarValue[];
  ignoreCase?: boolean;
}
/** Numeric comparisons; the field must hold a number. */
export interface RangeRule extends FieldRuleBase {
  op: 'gt' | 'gte' | 'lt' | 'lte';
  value: number;
}
/** Present (`value: true`, the default) or missing (`false`). Missing means undefined, null or `""`. */
export interface ExistsRule extends FieldRuleBase {
  op: 'exists';
  value?: boolean;
}
/** The string field matches a regular expression (flags from `imsu`). */
export interface MatchesRule extends FieldRuleBase {
  op: 'matches';
  value: string;
  flags?: string;
}
/** The array field holds the value, or the string field contains it as a substring. */
export interface ContainsRule extends FieldRuleBase {
  op: 'contains';
  value: ScalarValue;
  ignoreCase?: boolean;
}
/** The instant field lies within the last `value` days (24-hour periods) before `now`. */
export interface WithinDaysRule extends FieldRuleBase {
  op: 'within_days';
  value: number;
}
/** The instant field is strictly before / after the given instant. */
export interface InstantRule extends FieldRuleBase {
  op: 'before' | 'after';
  value: Instant;
}

/** A comparison of one field. */
export type FieldRule =
  | EqualityRule
  | MembershipRule
  | RangeRule
  | ExistsRule
  | MatchesRule
  | ContainsRule
  | WithinDaysRule
  | InstantRule;

/** The comparison operators. */
export type FieldOp = FieldRule['op'];

/**
 * A JSON-serialisable rule over a canonical record: `all` / `any` / `not` over field comparisons.
 * Rules are data, evaluated by {@link evaluateCriteria} — never turned into code.
 */
export type Rule = AllRule | AnyRule | NotRule | FieldRule;

/** What one field comparison found. */
export interface CriterionReason {
  /** Where the comparison sits in the rule: `"any[1].all[0]"`; `""` when the rule is one comparison. */
  at: string;
  id?: string;
  label?: string;
  field: string;
  op: FieldOp;
  /** The rule's value. */
  expected: ScalarValue | readonly ScalarValue[] | Instant | undefined;
  /** The value found in the record (`undefined` when missing). */
  actual: unknown;
  /** The comparison's own result, before any enclosing `not`. */
  passed: boolean;
  /** True when the comparison sits under an odd number of `not`s (it helps the rule by failing). */
  negated: boolean;
  /** A readable sentence: `attributes.employees is 12, needs ≥ 50`. */
  message: string;
}

/** The verdict of {@link evaluateCriteria}. */
export interface EvaluateCriteriaResult {
  passed: boolean;
  /** Every comparison in the rule, in order, whether it passed or not. */
  reasons: CriterionReason[];
}

/** Options for {@link evaluateCriteria} and compiled predicates. */
export interface EvaluateCriteriaOptions {
  /** The current instant, needed by `within_days`. Never read from the clock. */
  now?: Instant | Date;
}
