import type { CalendarDefinition } from '../agreement/agreement.types';
import type { PathSegment, RawIssue } from '../errors/errors.types';

/**
 * Cross-field checks of a structurally valid calendar: either 24/7 (`alwaysOpen: true`, nothing else)
 * or weekly hours; each holiday date at most once.
 */
export function checkCalendar(cal: CalendarDefinition, base: PathSegment[]): RawIssue[] {
  const issues: RawIssue[] = [];
  if (cal.alwaysOpen === true && (cal.week !== undefined || cal.holidays !== undefined))
    issues.push({ code: 'unrecognized_keys', path: base, keys: ['week', 'holidays'].filter((k) => k in cal) });
  if (cal.alwaysOpen !== true && cal.week === undefined)
    issues.push({
      code: 'invalid_type',
      path: [...base, 'week'],
      expected: 'weekly hours (or "alwaysOpen": true)',
      received: 'undefined',
    });
  const dates = new Map<string, number>();
  (cal.holidays ?? []).forEach((h, i) => {
    const date = typeof h === 'string' ? h : h.date;
    const seen = dates.get(date);
    if (seen !== undefined)
      issues.push({
        code: 'duplicate_id',
        path: [...base, 'holidays', i],
        kind: 'calendar',
        id: date,
        firstPath: [...base, 'holidays', seen],
      });
    else dates.set(date, i);
  });
  return issues;
}
