import { readPath, splitFieldPath } from '../_lib/fieldPath';
import type { Agreement } from '../agreement/agreement.types';
import type { EvaluateCriteriaOptions } from '../criteria/criteria.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import type { Lead } from '../records/records.types';
import type { EvaluateLeadStandardResult, MissingField, SuppressionHit } from './lifecycle.types';

/**
 * @name evaluateLeadStandard
 * @category Lifecycle
 * @summary Checks marketing's side of the SLA for one lead: required fields and suppression rules.
 *
 * @description
 * A required field is missing when it is undefined, null or an empty string. A suppression rule
 * (students, competitors, personal e-mail, existing customers…) hits when its `when` rule passes;
 * each hit carries the comparisons that matched. An agreement without a lead standard passes all.
 *
 * @param lead - The lead.
 * @param agreement - The agreement.
 * @param options - `now`, if a suppression rule uses `within_days`.
 * @returns `{ passed, missing, suppressed }`.
 *
 * @example
 * evaluateLeadStandard({ id: 'L1', createdAt: 0, email: 'kim@gmail.com' }, defaultAgreement)
 * //=> { passed: false, missing: [{ field: 'company', … }, { field: 'country', … }, { field: 'source', … }],
 * //     suppressed: [{ id: 'personal_email', label: 'Personal e-mail domain', reasons: [...] }] }
 */
export function evaluateLeadStandard(
  lead: Lead,
  agreement: Pick<Agreement, 'leadStandard'>,
  options: EvaluateCriteriaOptions = {},
): EvaluateLeadStandardResult {
  const standard = agreement.leadStandard;
  const missing: MissingField[] = [];
  const suppressed: SuppressionHit[] = [];
  if (!standard) return { passed: true, missing, suppressed };
  for (const field of standard.requiredFields) {
    const value = readPath(lead, splitFieldPath(field));
    if (value === undefined || value === null || value === '')
      missing.push({ field, message: `${field} is required by the lead standard but missing.` });
  }
  for (const rule of standard.suppress) {
    const verdict = evaluateCriteria(lead, rule.when, options);
    if (verdict.passed) suppressed.push({ id: rule.id, label: rule.label, reasons: verdict.reasons });
  }
  return { passed: missing.length === 0 && suppressed.length === 0, missing, suppressed };
}
