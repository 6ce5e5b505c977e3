import { isIsoDate, toEpochMs } from '../_lib/instant';
import type { Agreement, LossReason } from '../agreement/agreement.types';
import type { PathSegment, RawIssue } from '../errors/errors.types';
import type { Opportunity } from '../records/records.types';
import { catalogOf, outcomeReader } from './_deals';

/** The longest free-text detail accepted, as for lead dispositions. */
const MAX_DETAIL = 4096;

function detailIssue(reason: LossReason, detail: string | undefined, path: PathSegment[]): RawIssue | undefined {
  const spec = reason.detail;
  if (!spec) return undefined;
  const text = detail?.trim() ?? '';
  if (text === '')
    return spec.required ? { code: 'detail_required', path, reasonId: reason.id, label: spec.label } : undefined;
  if (spec.kind === 'date' && !isIsoDate(text))
    return { code: 'invalid_detail', path, reasonId: reason.id, expected: 'a date as YYYY-MM-DD' };
  if (spec.kind === 'choice' && !(spec.options ?? []).includes(text))
    return {
      code: 'invalid_detail',
      path,
      reasonId: reason.id,
      expected: `one of ${(spec.options ?? []).map((o) => JSON.stringify(o)).join(', ')}`,
    };
  if (text.length > MAX_DETAIL)
    return { code: 'invalid_detail', path, reasonId: reason.id, expected: 'at most 4,096 characters' };
  return undefined;
}

/**
 * The raw issues of the deals' win/loss data, in input order: loss reasons outside the catalog,
 * loss reasons on won deals, missing or malformed details, unknown themes, and deals closed before
 * they were created. Paths start at `['opportunities', index]`.
 */
export function lossIssues(opportunities: readonly Opportunity[], agreement: Agreement): RawIssue[] {
  const catalog = catalogOf(agreement);
  const knownReasons = [...catalog.reasons.keys()];
  const knownThemes = [...catalog.themes.keys()];
  const outcome = outcomeReader(agreement);
  const raw: RawIssue[] = [];
  opportunities.forEach((deal, i) => {
    const loss = deal.loss;
    if (loss !== undefined) {
      const reasonPath: PathSegment[] = ['opportunities', i, 'loss', 'reasonId'];
      const reason = catalog.reasons.get(loss.reasonId);
      if (outcome(deal) === true)
        raw.push({ code: 'loss_reason_on_won', path: reasonPath, opportunityId: deal.id, reasonId: loss.reasonId });
      if (!reason)
        raw.push({ code: 'unknown_loss_reason', path: reasonPath, reasonId: loss.reasonId, known: knownReasons });
      else if (outcome(deal) !== true) {
        const issue = detailIssue(reason, loss.detail, ['opportunities', i, 'loss', 'detail']);
        if (issue) raw.push(issue);
      }
    }
    (deal.themes ?? []).forEach((themeId, k) => {
      if (!catalog.themes.has(themeId))
        raw.push({ code: 'unknown_theme', path: ['opportunities', i, 'themes', k], themeId, known: knownThemes });
    });
    if (deal.closedAt !== undefined) {
      const created = toEpochMs(deal.createdAt);
      const closed = toEpochMs(deal.closedAt);
      if (closed < created)
        raw.push({
          code: 'invalid_interval',
          path: ['opportunities', i, 'closedAt'],
          start: String(deal.createdAt),
          end: String(deal.closedAt),
        });
    }
  });
  return raw;
}
