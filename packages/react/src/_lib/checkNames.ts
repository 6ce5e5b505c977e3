import type { TransitionCheck } from '@accord/core';

/** Short display names of the checks `evaluateTransition` makes. */
export const CHECK_NAMES: Record<TransitionCheck, string> = {
  known_stage: 'Known stage',
  not_same_stage: 'Different stage',
  skip_policy: 'Skip policy',
  backward_policy: 'Backward-move policy',
  reentry_policy: 'Re-entry policy',
  exit_criteria: 'Exit criteria',
  entry_criteria: 'Entry criteria',
};

/** `1 check`, `3 checks`. */
export function countChecks(n: number): string {
  return `${n} ${n === 1 ? 'check' : 'checks'}`;
}
