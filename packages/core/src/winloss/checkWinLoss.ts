import type { Agreement } from '../agreement/agreement.types';
import { finalizeIssues } from '../errors/errorMap';
import type { AccordIssue, ParseOptions } from '../errors/errors.types';
import type { Opportunity } from '../records/records.types';
import { lossIssues } from './_lossIssues';

/** Options for {@link checkWinLoss}. */
export type CheckWinLossOptions = ParseOptions;

/**
 * @name checkWinLoss
 * @category Win/loss
 * @summary Checks the deals' loss reasons, details and objection themes against the agreement's win/loss catalog.
 *
 * @description
 * Returns one coded issue per problem, each naming the deal by its position and the field
 * (`['opportunities', 12, 'loss', 'reasonId']`), in input order:
 *
 * - `unknown_loss_reason` — `loss.reasonId` is not in `winLoss.lossReasons` (every reason is unknown
 *   when the agreement has no `winLoss` section);
 * - `loss_reason_on_won` — a won deal carries a loss reason (won is the `won` flag, or a stage of
 *   kind `won` when the flag is absent, as the scorecard reads it);
 * - `detail_required` — the reason needs a detail (which competitor?) and none was given (blank
 *   counts as none), at `loss.detail`;
 * - `invalid_detail` — a `date` detail that is not a real `YYYY-MM-DD` date, a `choice` detail outside
 *   its options, or a text longer than 4,096 characters;
 * - `unknown_theme` — an id in `themes` that is not in `winLoss.themes`, at `['opportunities', i, 'themes', k]`;
 * - `invalid_interval` — a deal closed before it was created, at `closedAt`.
 *
 * A lost deal without a loss reason is not an issue — sales may not know — but the metrics count it
 * under `unspecified`, so the gap stays visible. Details are not checked on won deals (their loss
 * reason is the problem). Nothing is changed or dropped: the metrics count deals as recorded.
 *
 * @param opportunities - The deals.
 * @param agreement - The agreement holding the `winLoss` catalog and the stages.
 * @param options - `errorMap` to override the messages.
 * @returns The issues, with messages; empty when the data is clean.
 *
 * @example
 * const agreement = { ...defaultAgreement, ...sampleWinLoss }
 * checkWinLoss([{ id: 'O1', createdAt, stage: 'closed_lost', amount: 0, currency: 'USD', won: false, closedAt,
 *   loss: { reasonId: 'competitor' } }], agreement)
 * //=> [{ code: 'detail_required', path: ['opportunities', 0, 'loss', 'detail'], reasonId: 'competitor',
 * //      label: 'Which competitor won?', message: 'Reason "competitor" needs a detail: Which competitor won?' }]
 */
export function checkWinLoss(
  opportunities: readonly Opportunity[],
  agreement: Agreement,
  options: CheckWinLossOptions = {},
): AccordIssue[] {
  return [...finalizeIssues(lossIssues(opportunities, agreement), options.errorMap)];
}
