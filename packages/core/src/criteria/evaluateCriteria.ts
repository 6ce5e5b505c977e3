import { compiledRule, explainNode, resolveNow } from './_compiled';
import type { EvaluateCriteriaOptions, EvaluateCriteriaResult, Rule } from './criteria.types';

/**
 * @name evaluateCriteria
 * @category Criteria
 * @summary Evaluates a rule against a record and explains every comparison.
 *
 * @description
 * Walks the whole rule (no short-circuit) so the result can say *why* a lead is or is not in a
 * stage: every comparison reports the field, the operator, the expected and the actual value.
 * Fields are read through own properties only. Missing values (undefined, null, `""`) fail every
 * positive comparison; `ne` and `nin` are the exact negations of `eq` and `in`, so they pass.
 * A rule is validated the first time it is seen; an invalid one throws {@link AccordError}.
 *
 * @param record - Any plain record (usually a {@link Lead}).
 * @param rule - The rule.
 * @param options - `now`, required when the rule uses `within_days`.
 * @returns `{ passed, reasons }`.
 *
 * @example
 * evaluateCriteria({ attributes: { employees: 12 } }, { field: 'attributes.employees', op: 'gte', value: 50 })
 * //=> { passed: false, reasons: [{ field: 'attributes.employees', op: 'gte', expected: 50, actual: 12,
 * //      passed: false, message: 'attributes.employees is 12, needs ≥ 50', … }] }
 */
export function evaluateCriteria(
  record: object,
  rule: Rule,
  options?: EvaluateCriteriaOptions,
): EvaluateCriteriaResult {
  const node = compiledRule(rule);
  const reasons: EvaluateCriteriaResult['reasons'] = [];
  const passed = explainNode(node, record, resolveNow(options), false, reasons);
  return { passed, reasons };
}
