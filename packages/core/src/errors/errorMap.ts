import type { ErrorMap, RawIssue } from './errors.types';

const FORMAT_TEXT: Record<string, string> = {
  id: 'an id: a letter, then up to 63 letters, digits, "_" or "-"',
  metric_id: 'a metric id: letters, digits, "_", "-" and "." (for example "conversion.mql.sal")',
  date: 'a calendar date as YYYY-MM-DD',
  time_of_day: 'a time of day as HH:MM (00:00 to 24:00)',
  currency: 'an ISO 4217 currency code such as "USD"',
  field_path: 'a field path such as "attributes.employees"',
  regex_flags: 'regular-expression flags from "imsu" (stateful flags "g" and "y" are not allowed)',
  version: 'a version string',
};

const list = (values: readonly unknown[], max = 12): string => {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  return values.length > max ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
};

const short = (text: string, max = 40): string => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

const SIZE = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

/**
 * Accord's English messages. They say what was expected and what to do next, and never quote
 * personal data (only ids, dates and the offending token of a malformed value).
 */
export const defaultErrorMap: ErrorMap = (issue: RawIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? `Required: expected ${issue.expected}.`
        : `Expected ${issue.expected}, received ${issue.received}.`;
    case 'invalid_value':
      return `Expected one of ${list(issue.expected)}.`;
    case 'invalid_format':
      return issue.received === undefined
        ? `Expected ${FORMAT_TEXT[issue.format] ?? issue.format}.`
        : `Expected ${FORMAT_TEXT[issue.format] ?? issue.format}, got ${short(issue.received)}.`;
    case 'too_small':
      if (issue.origin === 'array') return `Expected at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}.`;
      if (issue.origin === 'string') return `Expected at least ${issue.minimum} characters.`;
      return `Expected a number ${issue.inclusive ? '≥' : '>'} ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'array') return `Expected at most ${issue.maximum} items.`;
      if (issue.origin === 'string') return `Expected at most ${issue.maximum} characters.`;
      return `Expected a number ${issue.inclusive ? '≤' : '<'} ${issue.maximum}.`;
    case 'not_integer':
      return 'Expected a whole number (money is in minor units, e.g. cents).';
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'} ${list(issue.keys)}: check the spelling, or put custom data under "attributes".`;
    case 'invalid_json':
      return `Malformed JSON at line ${issue.line}, column ${issue.column}: ${issue.detail}.`;
    case 'too_large':
      return `Input is ${SIZE(issue.bytes)}; the limit is ${SIZE(issue.maxBytes)}. Raise "maxBytes" if this is intended.`;
    case 'too_deep':
      return `Rules are nested more than ${issue.maxDepth} levels deep; flatten them with "all"/"any".`;
    case 'unsafe_path':
      return `Path segment ${short(issue.segment)} is not allowed (it could reach an object's prototype).`;
    case 'invalid_timezone':
      return `Unknown time zone ${short(issue.timezone)}: use an IANA name such as "America/New_York".`;
    case 'invalid_instant':
      return `Expected an ISO-8601 instant with an offset (e.g. "2026-03-02T09:30:00Z") or epoch milliseconds, got ${short(issue.received)}.`;
    case 'invalid_regex':
      return `Invalid regular expression: ${issue.detail}.`;
    case 'invalid_interval':
      return `Interval ${issue.start}–${issue.end} is empty or inverted: the start must be before the end.`;
    case 'overlapping_intervals':
      return `Intervals ${issue.first[0]}–${issue.first[1]} and ${issue.second[0]}–${issue.second[1]} overlap or are out of order; list them sorted and disjoint.`;
    case 'duplicate_id':
      return `Duplicate ${issue.kind} id ${short(issue.id)}; ids must be unique.`;
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
    case 'invalid_argument':
      return issue.detail;
    case 'invalid_csv':
      return `Malformed CSV at line ${issue.line}${issue.column === undefined ? '' : `, column ${issue.column}`}: ${issue.detail}.`;
    case 'invalid_encoding':
      return `Not valid UTF-8 at line ${issue.line} (byte ${issue.byteOffset}): save the file as UTF-8.`;
    case 'missing_column':
      return `Required column ${short(issue.column)} is missing from the header.`;
    case 'unknown_column':
      return `Unknown column ${short(issue.column)}: it is ignored. The canonical columns are ${list(issue.expected, 12)}.`;
    case 'instant_out_of_range':
      return `Instant ${short(issue.received)} is outside the supported range ${issue.min} – ${issue.max}.`;
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
    case 'missing_calendar_for_clock':
      return `SLA ${short(issue.slaId)} counts business minutes but no calendar was given: pass { calendar } or { agreement }.`;
  }
};

let globalErrorMap: ErrorMap | undefined;

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
  globalErrorMap = map;
}

/** Resolves the message of a raw issue through the per-call, global and default maps. */
export function resolveMessage(issue: RawIssue, local?: ErrorMap): string {
  return local?.(issue) ?? globalErrorMap?.(issue) ?? defaultErrorMap(issue) ?? 'Invalid input.';
}
