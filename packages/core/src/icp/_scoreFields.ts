import type { Agreement } from '../agreement/agreement.types';
import type { Rule } from '../criteria/criteria.types';
import type { PathSegment } from '../errors/errors.types';

/** The score fields stage criteria can read, and the agreement section each needs. */
export const SCORE_FIELDS = {
  'scores.fit': 'icp',
  'scores.tier': 'icp',
  'scores.engagement': 'intent',
} as const satisfies Record<string, 'icp' | 'intent'>;

export type ScoreField = keyof typeof SCORE_FIELDS;

/** Every field rule of a rule tree, with its path from the rule's root. */
export function* fieldRules(rule: Rule, path: PathSegment[] = []): Generator<{ field: string; path: PathSegment[] }> {
  if ('all' in rule) for (const [i, child] of rule.all.entries()) yield* fieldRules(child, [...path, 'all', i]);
  else if ('any' in rule) for (const [i, child] of rule.any.entries()) yield* fieldRules(child, [...path, 'any', i]);
  else if ('not' in rule) yield* fieldRules(rule.not, [...path, 'not']);
  else yield { field: rule.field, path: [...path, 'field'] };
}

/** The stage rules (entry and exit) of an agreement, with their paths. */
export function* stageRules(agreement: Agreement): Generator<{ rule: Rule; path: PathSegment[] }> {
  for (const [i, stage] of agreement.stages.entries()) {
    if (stage.entry) yield { rule: stage.entry, path: ['stages', i, 'entry'] };
    if (stage.exit) yield { rule: stage.exit, path: ['stages', i, 'exit'] };
  }
}

/** True when some stage rule of the agreement reads a `scores.*` field. */
export function stagesReadScores(agreement: Agreement): boolean {
  for (const { rule } of stageRules(agreement))
    for (const { field } of fieldRules(rule)) if (field === 'scores' || field.startsWith('scores.')) return true;
  return false;
}
