import { compiledRule, fastTest, resolveNow } from './_compiled';
import type { EvaluateCriteriaOptions, Rule } from './criteria.types';

/** A compiled rule: a plain predicate, for filtering many records fast. */
export type CriteriaPredicate = (record: object, options?: EvaluateCriteriaOptions) => boolean;

/**
 * @name compileCriteria
 * @category Criteria
 * @summary Compiles a rule into a fast boolean predicate (closures, never generated code).
 *
 * @description
 * Same semantics as {@link evaluateCriteria}, without explanations and with short-circuiting: use
 * it to filter large sets, and `evaluateCriteria` to explain one record. Validates the rule once.
 *
 * @param rule - The rule.
 * @returns A predicate `(record, { now }) => boolean`.
 * @throws {AccordError} When the rule is malformed or a path is unsafe.
 *
 * @example
 * const isMql = compileCriteria(agreement.stages[1].entry)
 * leads.filter((lead) => isMql(lead, { now }))
 */
export function compileCriteria(rule: Rule): CriteriaPredicate {
  const test = fastTest(compiledRule(rule));
  return (record, options) => test(record, options === undefined ? Number.NaN : resolveNow(options));
}
