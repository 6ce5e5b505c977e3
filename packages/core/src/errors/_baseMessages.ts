import { FORMAT_TEXT, list, short } from './_messageText';
import type { RawIssue } from './errors.types';

/**
 * The English messages of the generic and calendar issues: the only ones the business-hours clock
 * can raise, kept apart from the domain catalog so `businessMinutesBetween` alone stays small.
 */
export function baseMessage(issue: RawIssue): string | undefined {
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
    case 'invalid_timezone':
      return `Unknown time zone ${short(issue.timezone)}: use an IANA name such as "America/New_York".`;
    case 'invalid_instant':
      return `Expected an ISO-8601 instant with an offset (e.g. "2026-03-02T09:30:00Z") or epoch milliseconds, got ${short(issue.received)}.`;
    case 'invalid_interval':
      return `Interval ${issue.start}–${issue.end} is empty or inverted: the start must be before the end.`;
    case 'overlapping_intervals':
      return `Intervals ${issue.first[0]}–${issue.first[1]} and ${issue.second[0]}–${issue.second[1]} overlap or are out of order; list them sorted and disjoint.`;
    case 'duplicate_id':
      return `Duplicate ${issue.kind} id ${short(issue.id)}; ids must be unique.`;
    case 'invalid_argument':
      return issue.detail;
    case 'instant_out_of_range':
      return `Instant ${short(issue.received)} is outside the supported range ${issue.min} – ${issue.max}.`;
    case 'missing_calendar_for_clock':
      return `SLA ${short(issue.slaId)} counts business minutes but no calendar was given: pass { calendar } or { agreement }.`;
    default:
      return undefined;
  }
}
