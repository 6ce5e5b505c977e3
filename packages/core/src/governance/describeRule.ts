import type { Rule, ScalarValue } from '../criteria/criteria.types';

const OPS: Record<string, string> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'in',
  nin: 'not in',
  contains: 'contains',
  matches: 'matches',
  before: 'before',
  after: 'after',
};

const scalar = (v: ScalarValue | undefined): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/**
 * @name describeRule
 * @category Governance
 * @summary Writes a rule as one line a council can read.
 *
 * @description
 * Comparisons read `field op value` (`attributes.employees ≥ 50`, `country in "US", "CA"`), `all`
 * joins with "and", `any` with "or" (parenthesised when nested), `not` prefixes "not". A rule's
 * `label` is kept beside its text: `ICP: 50+ employees (attributes.employees ≥ 50)`.
 *
 * @param rule - The rule.
 * @returns The text.
 *
 * @example
 * describeRule({ all: [{ field: 'attributes.employees', op: 'gte', value: 50 }, { field: 'country', op: 'in', value: ['US', 'CA'] }] })
 * //=> 'attributes.employees ≥ 50 and country in "US", "CA"'
 */
export function describeRule(rule: Rule): string {
  return text(rule, false);
}

function text(rule: Rule, nested: boolean): string {
  const body = bare(rule);
  const labelled = rule.label ? `${rule.label} (${body})` : body;
  return nested && !rule.label && ('all' in rule || 'any' in rule) ? `(${labelled})` : labelled;
}

function bare(rule: Rule): string {
  if ('all' in rule) return rule.all.length === 0 ? 'always' : rule.all.map((r) => text(r, true)).join(' and ');
  if ('any' in rule) return rule.any.length === 0 ? 'never' : rule.any.map((r) => text(r, true)).join(' or ');
  if ('not' in rule) return `not ${text(rule.not, true)}`;
  switch (rule.op) {
    case 'exists':
      return rule.value === false ? `${rule.field} is missing` : `${rule.field} is present`;
    case 'within_days':
      return `${rule.field} within the last ${rule.value} days`;
    case 'in':
    case 'nin':
      return `${rule.field} ${OPS[rule.op]} ${rule.value.map(scalar).join(', ')}${rule.ignoreCase ? ' (any case)' : ''}`;
    case 'matches':
      return `${rule.field} matches /${rule.value}/${rule.flags ?? ''}`;
    case 'before':
    case 'after':
      return `${rule.field} ${OPS[rule.op]} ${String(rule.value)}`;
    case 'eq':
    case 'ne':
    case 'contains':
      return `${rule.field} ${OPS[rule.op]} ${scalar(rule.value)}${rule.ignoreCase ? ' (any case)' : ''}`;
    default:
      return `${rule.field} ${OPS[rule.op] ?? rule.op} ${scalar(rule.value)}`;
  }
}
