import { baseMessage } from './_baseMessages';
import { list, SIZE, short } from './_messageText';
import { finalizeIssues as finalizeWith, messageOf, registerDefaultErrorMap, setGlobalErrorMap } from './_resolve';
import { AccordError } from './AccordError';
import type { AccordIssue, ErrorMap, RawIssue } from './errors.types';

function domainMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_json':
      return `Malformed JSON at line ${issue.line}, column ${issue.column}: ${issue.detail}.`;
    case 'too_large':
      return `Input is ${SIZE(issue.bytes)}; the limit is ${SIZE(issue.maxBytes)}. Raise "maxBytes" if this is intended.`;
    case 'too_deep':
      return `Rules are nested more than ${issue.maxDepth} levels deep; flatten them with "all"/"any".`;
    case 'unsafe_path':
      return `Path segment ${short(issue.segment)} is not allowed (it could reach an object's prototype).`;
    case 'invalid_regex':
      return `Invalid regular expression: ${issue.detail}.`;
    case 'unknown_stage':
      return `Unknown stage ${short(issue.stageId)}; the agreement's stages are ${list(issue.known)}.`;
    case 'unknown_calendar':
      return issue.known.length === 0
        ? `Unknown calendar ${short(issue.calendarId)}; the agreement defines no calendars: add one under "calendars".`
        : `Unknown calendar ${short(issue.calendarId)}; the agreement's calendars are ${list(issue.known)}.`;
    case 'unknown_reason':
      return `Unknown disposition reason ${short(issue.reasonId)}; the agreement's reasons are ${list(issue.known)}.`;
    case 'unknown_pool':
      return `Unknown routing pool ${short(issue.poolId)}; the agreement's pools are ${list(issue.known)}.`;
    case 'unknown_metric':
      return `Unknown metric ${short(issue.metricId)}: define it under "metrics" or use a built-in metric id.`;
    case 'empty_funnel':
      return 'The funnel has no open stages: add at least one stage whose kind is "open".';
    case 'missing_recycle_stage':
      return 'The backward policy "recycle" needs a stage whose kind is "recycled".';
    case 'missing_calendar':
      return `SLA ${short(issue.slaId)} runs on the business clock but names no calendar: set "calendar".`;
    case 'not_a_recycle_stage':
      return `Stage ${short(issue.stageId)} is not a stage of kind "recycled".`;
    case 'not_increasing':
      return `Expected a value greater than the previous step's ${issue.previous}, got ${issue.value}.`;
    case 'unknown_role':
      return issue.known.length === 0
        ? `Unknown buying role ${short(issue.roleId)}; the agreement defines no roles: add them under "buyingCommittee.roles".`
        : `Unknown buying role ${short(issue.roleId)}; the agreement's roles are ${list(issue.known)}.`;
    case 'unknown_loss_reason':
      return issue.known.length === 0
        ? `Unknown loss reason ${short(issue.reasonId)}; the agreement defines none: add them under "winLoss.lossReasons".`
        : `Unknown loss reason ${short(issue.reasonId)}; the agreement's loss reasons are ${list(issue.known)}.`;
    case 'unknown_theme':
      return `Unknown objection theme ${short(issue.themeId)}; the agreement's themes are ${list(issue.known)}.`;
    case 'loss_reason_on_won':
      return `Opportunity ${short(issue.opportunityId)} is won but carries the loss reason ${short(issue.reasonId)}: remove the reason or correct "won".`;
    case 'unknown_score':
      return `Unknown score field ${short(issue.field)}; the scores are ${list(issue.known)}.`;
    case 'score_not_defined':
      return `${short(issue.field)} needs the agreement's "${issue.section}" section, which is missing: add it, or remove the condition.`;
    case 'currency_mismatch':
      return `Expected an amount in ${issue.expected}, got ${issue.received}: convert it first, or set the agreement's currency.`;
    case 'unknown_opportunity':
      return `No CRM opportunity has the id ${short(issue.opportunityId)}: the claim is counted as unmatched. Check the id, or export the missing deal.`;
    case 'unknown_lead':
      return `No lead has the id ${short(issue.leadId)}: the claim's person cannot be compared with the other claims' (duplicates are checked by lead id only).`;
    case 'version_mismatch':
      return `Every version of a history must be of the same agreement: expected id ${short(issue.expected)}, got ${short(issue.received)}.`;
    case 'overlapping_versions':
      return `Versions ${short(issue.version)} and ${short(issue.other)} both take effect on ${issue.effectiveFrom}: one day can have only one version in force.`;
    case 'future_version':
      return `Version ${short(issue.version)} takes effect on ${issue.effectiveFrom}, in the future: pass { allowScheduled: true } to schedule it.`;
    case 'no_version_in_force':
      return `Record ${short(issue.recordId)} predates the first agreement version (in force from ${issue.firstEffectiveFrom}): no definitions judge it, so it is left out.`;
    case 'not_descending':
      return `Expected a value lower than the previous tier's ${issue.previous}, got ${issue.value}: list the tiers A > B > C.`;
    case 'weights_mismatch':
      return `The weights add up to ${issue.received}, but "declaredTotal" says ${issue.expected}: rebalance the weights or update "declaredTotal".`;
    case 'empty_path':
      return 'The path has no touches: a journey needs at least one channel.';
    case 'unknown_channel':
      return `Unknown channel ${short(issue.channel)}: no journey uses it (${issue.known.length} channels do).`;
    case 'touch_after_conversion':
      return `A ${short(issue.channel)} touch at ${issue.touchAt} comes after the conversion at ${issue.conversionAt}; it gets no credit.`;
    case 'stage_out_of_order':
      return `Entered ${short(issue.stageId)} before ${short(issue.after)}, which comes earlier in the funnel.`;
    case 'invalid_csv':
      return `Malformed CSV at line ${issue.line}${issue.column === undefined ? '' : `, column ${issue.column}`}: ${issue.detail}.`;
    case 'invalid_encoding':
      return `Not valid UTF-8 at line ${issue.line} (byte ${issue.byteOffset}): save the file as UTF-8.`;
    case 'missing_column':
      return `Required column ${short(issue.column)} is missing from the header.`;
    case 'unknown_column':
      return `Unknown column ${short(issue.column)}: it is ignored. The canonical columns are ${list(issue.expected, 12)}.`;
    case 'detail_required':
      return `Reason ${short(issue.reasonId)} needs a detail: ${issue.label}`;
    case 'invalid_detail':
      return `The detail of reason ${short(issue.reasonId)} must be ${issue.expected}.`;
    case 'reason_not_applicable':
      return issue.stageId === null
        ? `Reason ${short(issue.reasonId)} cannot be used on a lead with no stage; it applies in ${list(issue.allowed)}.`
        : `Reason ${short(issue.reasonId)} does not apply in stage ${short(issue.stageId)}; it applies in ${list(issue.allowed)}.`;
    case 'transition_not_allowed':
      return `The lead cannot move from ${issue.from === null ? 'nowhere' : short(issue.from)} to ${short(issue.to)}: ${issue.detail}`;
    default:
      return undefined;
  }
}

/**
 * Accord's English messages. They say what was expected and what to do next, and never quote
 * personal data (only ids, dates and the offending token of a malformed value).
 */
export const defaultErrorMap: ErrorMap = (issue: RawIssue): string | undefined =>
  baseMessage(issue) ?? domainMessage(issue);

registerDefaultErrorMap(defaultErrorMap);

/**
 * @name setErrorMap
 * @category Errors
 * @summary Overrides Accord's issue messages globally (for example to translate them).
 *
 * @description
 * The message of an issue is resolved most specific first: the per-call `errorMap`, then this
 * global map, then Accord's English default. A map returns `undefined` to fall through.
 *
 * @param map - The map, or `undefined` to restore the default.
 *
 * @example
 * setErrorMap((issue) => (issue.code === 'unknown_stage' ? `Etapa desconocida: ${issue.stageId}` : undefined))
 */
export function setErrorMap(map: ErrorMap | undefined): void {
  setGlobalErrorMap(map);
}

/** Resolves the message of a raw issue through the per-call, global and default maps. */
export function resolveMessage(issue: RawIssue, local?: ErrorMap): string {
  return messageOf(issue, local, defaultErrorMap);
}

/**
 * An {@link AccordError} whose messages come from the full default catalog (the domain modules raise
 * errors through this, so the catalog travels with them and not with the calendar functions).
 */
export function accordError(issues: readonly RawIssue[], errorMap?: ErrorMap): AccordError {
  return new AccordError(finalizeIssues(issues, errorMap));
}

/** Gives raw issues their messages (per-call map → global map → the full default catalog). */
export function finalizeIssues(issues: readonly RawIssue[], errorMap?: ErrorMap): readonly AccordIssue[] {
  return finalizeWith(issues, errorMap, defaultErrorMap);
}
