import { TZDateMini } from '@date-fns/tz';
import type { Agreement, CalendarDefinition, RoutingRule } from '../agreement/agreement.types';
import type { PathSegment } from '../errors/errors.types';
import { calendarClock } from '../sla/_calendarTable';

/** A problem (or risk) in a routing configuration. */
export interface RoutingFinding {
  code:
    | 'unreachable_rule'
    | 'no_catch_all'
    | 'overlapping_territories'
    | 'empty_pool'
    | 'unused_pool'
    | 'territory_rule_without_territories'
    | 'unused_territories'
    | 'uncovered_hours';
  severity: 'error' | 'warning';
  path: PathSegment[];
  message: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const HOUR = 3_600_000;

/** A rule that matches every lead and always assigns (nothing after it can run). */
const isCatchAll = (rule: RoutingRule) =>
  rule.when === undefined && ('pool' in rule.assign || 'queue' in rule.assign || 'user' in rule.assign);

const overlap = (a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | 'all' | null => {
  if (!a && !b) return 'all';
  if (!a) return [...(b as readonly string[])];
  if (!b) return [...a];
  const both = a.filter((x) => b.includes(x));
  return both.length > 0 ? both : null;
};

/**
 * @name lintRouting
 * @category Routing
 * @summary Finds what is wrong or risky in a routing configuration before it goes live.
 *
 * @description
 * Errors: rules that can never run (after a rule that takes every lead, or repeating the criteria
 * of one that did), a territory rule without territories, an empty pool that a rule uses. Warnings:
 * no catch-all rule (unmatched leads fall to the fallback queue), territory cells that overlap (the
 * later one never gets the overlapping leads), pools nobody uses, territories no rule uses, and pools
 * that nobody can serve during some hour of the SLA calendars' working week (those leads wait).
 *
 * @param agreement - The agreement.
 * @returns The findings, errors first, in the order of the configuration.
 *
 * @example
 * lintRouting(defaultAgreement).map((f) => f.message)
 * //=> ['Pool "apac_sales" has nobody working Mon 09:00–17:00, … (America/New_York), when SLA clocks run: its leads wait.', …]
 */
export function lintRouting(agreement: Agreement): RoutingFinding[] {
  const routing = agreement.routing;
  if (!routing) return [];
  const findings: RoutingFinding[] = [];
  const rules = routing.rules;

  // Rules.
  const catchAll = rules.findIndex(isCatchAll);
  rules.forEach((rule, i) => {
    if (catchAll >= 0 && i > catchAll)
      findings.push({
        code: 'unreachable_rule',
        severity: 'error',
        path: ['routing', 'rules', i],
        message: `Rule "${rule.id}" can never run: rule "${rules[catchAll]?.id}" before it takes every lead.`,
      });
    else if (rule.when !== undefined) {
      const same = rules.findIndex(
        (r, j) =>
          j < i &&
          r.when !== undefined &&
          ('pool' in r.assign || 'queue' in r.assign || 'user' in r.assign) &&
          JSON.stringify(r.when) === JSON.stringify(rule.when),
      );
      if (same >= 0)
        findings.push({
          code: 'unreachable_rule',
          severity: 'error',
          path: ['routing', 'rules', i],
          message: `Rule "${rule.id}" can never run: rule "${rules[same]?.id}" has the same criteria and always assigns.`,
        });
    }
  });
  if (catchAll < 0)
    findings.push({
      code: 'no_catch_all',
      severity: 'warning',
      path: ['routing', 'rules'],
      message: `No rule takes every lead: leads that match none go to the fallback queue "${routing.fallbackQueue}".`,
    });

  // Territories.
  const territories = routing.territories ?? [];
  const territoryRule = rules.findIndex((r) => 'territory' in r.assign);
  if (territoryRule >= 0 && territories.length === 0)
    findings.push({
      code: 'territory_rule_without_territories',
      severity: 'error',
      path: ['routing', 'rules', territoryRule],
      message: `Rule "${rules[territoryRule]?.id}" routes by territory, but no territories are defined.`,
    });
  if (territoryRule < 0 && territories.length > 0)
    findings.push({
      code: 'unused_territories',
      severity: 'warning',
      path: ['routing', 'territories'],
      message: 'Territories are defined but no rule routes by territory.',
    });
  territories.forEach((later, j) => {
    territories.slice(0, j).forEach((earlier) => {
      const regions = overlap(earlier.regions, later.regions);
      const segments = overlap(earlier.segments, later.segments);
      if (regions === null || segments === null) return;
      const what = `${regions === 'all' ? 'every region' : `region ${regions.join(', ')}`} × ${segments === 'all' ? 'every segment' : `segment ${segments.join(', ')}`}`;
      findings.push({
        code: 'overlapping_territories',
        severity: 'warning',
        path: ['routing', 'territories', j],
        message: `Territory "${later.id}" overlaps "${earlier.id}" on ${what}: those leads always go to "${earlier.id}".`,
      });
    });
  });

  // Pools.
  const used = new Set<string>([
    ...rules.flatMap((r) => ('pool' in r.assign ? [r.assign.pool] : [])),
    ...(territoryRule >= 0 ? territories.map((t) => t.pool) : []),
  ]);
  routing.pools.forEach((pool, i) => {
    if (!used.has(pool.id))
      findings.push({
        code: 'unused_pool',
        severity: 'warning',
        path: ['routing', 'pools', i],
        message: `Pool "${pool.id}" is not used by any rule or territory.`,
      });
    else if (pool.members.length === 0)
      findings.push({
        code: 'empty_pool',
        severity: 'error',
        path: ['routing', 'pools', i, 'members'],
        message: `Pool "${pool.id}" has no members: its leads always fall to the fallback queue.`,
      });
  });

  // Coverage: hours of the SLA calendars' working week when a used pool has nobody working.
  const calendars = (agreement.calendars ?? {}) as Record<string, CalendarDefinition>;
  const intake = [
    ...new Set(
      (agreement.slas ?? []).flatMap((s) =>
        s.calendar !== undefined && Object.hasOwn(calendars, s.calendar) ? [s.calendar] : [],
      ),
    ),
  ].map((id) => calendarClock(calendars[id] as CalendarDefinition));
  if (intake.length > 0) {
    const start = referenceMonday(agreement);
    routing.pools.forEach((pool, i) => {
      if (!used.has(pool.id) || pool.members.length === 0) return;
      const clocks = pool.members.map((m) =>
        m.calendar !== undefined && Object.hasOwn(calendars, m.calendar)
          ? calendarClock(calendars[m.calendar] as CalendarDefinition)
          : undefined,
      );
      const gaps: [number, number][] = [];
      for (let h = 0; h < 168; h++) {
        const t = start + h * HOUR + 30 * 60_000;
        const intakeOpen = intake.some((c) => c.isOpen(t));
        const served = clocks.some((c) => c === undefined || c.isOpen(t));
        if (!intakeOpen || served) continue;
        const last = gaps[gaps.length - 1];
        if (last && last[1] === h) last[1] = h + 1;
        else gaps.push([h, h + 1]);
      }
      if (gaps.length === 0) return;
      const label = (h: number) => {
        const d = new TZDateMini(start + h * HOUR, agreement.timezone);
        return `${DAYS[d.getDay()]} ${String(d.getHours()).padStart(2, '0')}:00`;
      };
      const ranges = gaps.map(([a, b]) => `${label(a)}–${label(b).slice(4)}`);
      findings.push({
        code: 'uncovered_hours',
        severity: 'warning',
        path: ['routing', 'pools', i],
        message: `Pool "${pool.id}" has nobody working ${ranges.join(', ')} (${agreement.timezone}), when SLA clocks run: its leads wait.`,
      });
    });
  }
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** Local midnight of the first Monday on or after the agreement's effective date (or 2026-01-05). */
function referenceMonday(agreement: Agreement): number {
  const [y, m, d] = (agreement.effectiveFrom ?? '2026-01-05').split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const offset = (8 - weekday) % 7;
  return new TZDateMini(y, m - 1, d + offset, 0, 0, 0, 0, agreement.timezone).getTime();
}
