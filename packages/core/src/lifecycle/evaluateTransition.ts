import type { Agreement, StageId } from '../agreement/agreement.types';
import type { Rule } from '../criteria/criteria.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import { stagesReadScores } from '../icp/_scoreFields';
import { withScores } from '../icp/withScores';
import type { Lead } from '../records/records.types';
import { stageIndex } from './_stageIndex';
import { deriveLifecycle } from './deriveLifecycle';
import type {
  EvaluateTransitionOptions,
  EvaluateTransitionResult,
  TransitionMove,
  TransitionReason,
} from './lifecycle.types';

/**
 * @name evaluateTransition
 * @category Lifecycle
 * @summary Decides whether a lead may move to a stage, and explains every check.
 *
 * @description
 * Finds the lead's current stage (from `stageDates`, or from `options.events`), classifies the move
 * — forward, skip, backward, sideways into a side state, or re-entry from one — and applies the
 * agreement's policy: skips need `allowSkip`; backward moves are denied, need a written reason
 * (`allowWithReason`), or become a recycle (`recycle`: the lead lands in the recycle stage);
 * re-entry from a side state is allowed into `reentryTo` stages. Then it evaluates the current
 * stage's exit criteria (for forward moves) and the landing stage's entry criteria.
 * Every check appears in `reasons`, passed or not, so "why can't I move this lead?" is answered.
 * Criteria may read the lead's scores (`scores.fit`, `scores.tier`, `scores.engagement`): pass the
 * lead's `activities` and `touchpoints` (or ready `scores`) and they are computed at `now`.
 *
 * @param lead - The lead.
 * @param toStage - The requested stage (typed by the agreement's literal stage ids).
 * @param agreement - The agreement.
 * @param options - `now` (required), `reason` for allowWithReason, `events` to use instead of `stageDates`.
 * @returns {@link EvaluateTransitionResult}.
 *
 * @example
 * const verdict = evaluateTransition(lead, 'sql', defaultAgreement, { now })
 * verdict.allowed //=> false
 * verdict.reasons.filter((r) => !r.passed).map((r) => r.message)
 * //=> ['Entry criteria of SQL not met: attributes.budgetKnown is missing, needs = true']
 */
export function evaluateTransition<A extends Agreement>(
  lead: Lead,
  toStage: NoInfer<StageId<A>>,
  agreement: A,
  options: EvaluateTransitionOptions,
): EvaluateTransitionResult<StageId<A>> {
  type S = StageId<A>;
  const index = stageIndex(agreement);
  const life = deriveLifecycle(options.events ?? lead, agreement, { now: options.now });
  const from = (life.current ?? null) as S | null;
  const to = toStage as S;
  const reasons: TransitionReason[] = [];
  // The record criteria read: the lead, with its scores when a stage rule reads them (computed once).
  let scored: object | undefined;
  const record = (): object => {
    if (scored) return scored;
    if (!stagesReadScores(agreement)) scored = lead;
    else if (options.scores) scored = { ...lead, scores: options.scores };
    else
      scored = withScores(lead, options.activities ?? [], agreement, {
        now: options.now,
        ...(options.touchpoints && { touchpoints: options.touchpoints }),
      });
    return scored;
  };
  const label = (id: string) => index.byId.get(id)?.def.label ?? id;
  const result = (move: TransitionMove, outcome: S | null, skipped: S[] = []): EvaluateTransitionResult<S> => ({
    allowed: reasons.every((r) => r.passed),
    from,
    to,
    outcome,
    move,
    skipped,
    reasons,
  });

  const target = index.byId.get(to);
  if (!target) {
    reasons.push({
      check: 'known_stage',
      passed: false,
      message: `Unknown stage "${to}"; the agreement's stages are ${index.ids.join(', ')}.`,
    });
    return result('unknown', null);
  }
  if (from === to) {
    reasons.push({ check: 'not_same_stage', passed: false, message: `The lead is already in ${target.def.label}.` });
    return result('same', null);
  }
  const source = from === null ? undefined : index.byId.get(from);
  let move: TransitionMove;
  let outcome: S = to;
  let skipped: S[] = [];

  if (target.rank === undefined) {
    move = 'sideways';
  } else if (source && source.rank === undefined) {
    move = 'reentry';
    const ok = index.reentry.has(to);
    reasons.push({
      check: 'reentry_policy',
      passed: ok,
      message: ok
        ? `A lead in ${source.def.label} may re-enter the funnel at ${target.def.label} (a new cycle).`
        : `A lead in ${source.def.label} may re-enter only at ${[...index.reentry].map(label).join(' or ')}, not ${target.def.label}.`,
    });
  } else {
    const fromRank = source?.rank ?? -1;
    if (target.rank > fromRank) {
      skipped = index.open.filter((_, rank) => rank > fromRank && rank < (target.rank as number)) as S[];
      move = skipped.length > 0 ? 'skip' : 'forward';
      if (move === 'skip') {
        const names = skipped.map(label).join(', ');
        reasons.push({
          check: 'skip_policy',
          passed: agreement.transitions.allowSkip,
          message: agreement.transitions.allowSkip
            ? `Skips ${names}; the agreement allows skipping stages.`
            : `Would skip ${names}; the agreement does not allow skipping stages.`,
        });
      }
    } else {
      move = 'backward';
      const fromName = source ? source.def.label : 'the start';
      switch (agreement.transitions.backward) {
        case 'deny':
          reasons.push({
            check: 'backward_policy',
            passed: false,
            message: `Moving back from ${fromName} to ${target.def.label} is not allowed by the agreement.`,
          });
          break;
        case 'allowWithReason': {
          const given = (options.reason ?? '').trim().length > 0;
          reasons.push({
            check: 'backward_policy',
            passed: given,
            message: given
              ? `Moving back from ${fromName} to ${target.def.label}, with the reason given.`
              : `Moving back from ${fromName} to ${target.def.label} needs a written reason (options.reason).`,
          });
          break;
        }
        case 'recycle': {
          const recycle = index.recycleStage as S | undefined;
          if (recycle === undefined) {
            reasons.push({
              check: 'backward_policy',
              passed: false,
              message: 'The agreement recycles backward moves but has no recycle stage.',
            });
          } else {
            outcome = recycle;
            reasons.push({
              check: 'backward_policy',
              passed: true,
              message: `Moving back from ${fromName} to ${target.def.label} is recorded as ${label(recycle)} (policy: recycle); the lead re-enters later as a new cycle.`,
            });
          }
          break;
        }
      }
    }
    if ((move === 'forward' || move === 'skip') && source?.def.exit) {
      reasons.push(
        criteriaReason('exit_criteria', `Exit criteria of ${source.def.label}`, source.def.exit, record, options),
      );
    }
  }

  const landing = index.byId.get(outcome);
  if (landing?.def.entry) {
    reasons.push(
      criteriaReason('entry_criteria', `Entry criteria of ${landing.def.label}`, landing.def.entry, record, options),
    );
  }
  return result(move, outcome, skipped);
}

function criteriaReason(
  check: 'entry_criteria' | 'exit_criteria',
  title: string,
  rule: Rule,
  record: () => object,
  options: EvaluateTransitionOptions,
): TransitionReason {
  const criteria = evaluateCriteria(record(), rule, { now: options.now });
  const failing = criteria.reasons.filter((r) => r.passed === r.negated).map((r) => r.label ?? r.message);
  return {
    check,
    passed: criteria.passed,
    message: criteria.passed ? `${title} met.` : `${title} not met: ${failing.join('; ')}.`,
    criteria,
  };
}
