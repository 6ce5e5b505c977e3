import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors/AccordError';
import type { Agreement } from './agreement.types';
import { defaultAgreement } from './defaultAgreement';
import { parseAgreement, safeParseAgreement } from './parseAgreement';

/** A deep copy of the default agreement, loosened so tests can break it. */
const base = (): Record<string, any> => JSON.parse(JSON.stringify(defaultAgreement));
const issuesOf = (input: unknown) => {
  const result = safeParseAgreement(input);
  if (result.success) return [];
  return result.error.issues.map(({ code, path }) => ({ code, path: path.join('.') }));
};

describe('parseAgreement', () => {
  it('accepts the default agreement, as an object and as JSON text', () => {
    expect(parseAgreement(defaultAgreement)).toEqual(defaultAgreement);
    expect(parseAgreement(JSON.stringify(defaultAgreement))).toEqual(defaultAgreement);
  });

  it('accepts a minimal agreement', () => {
    const minimal: Agreement = {
      id: 'tiny',
      version: '1',
      timezone: 'UTC',
      stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
      transitions: { backward: 'deny', allowSkip: true },
    };
    expect(parseAgreement(minimal)).toEqual(minimal);
  });

  it('reports malformed JSON with line and column', () => {
    const result = safeParseAgreement('{\n  "id": "x",\n  version: 1\n}');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_json', line: 3, column: 3, path: [] });
    expect(result.error?.message).toMatch(/^\(root\): Malformed JSON at line 3, column 3/);
  });

  it('reports truncated JSON at its end', () => {
    expect(safeParseAgreement('{"id": ').error?.issues[0]).toMatchObject({ code: 'invalid_json', line: 1, column: 8 });
  });

  it('refuses a 5 MB agreement before parsing it', () => {
    const huge = JSON.stringify({ ...base(), name: 'x', padding: 'y'.repeat(5 * 1024 * 1024) });
    expect(safeParseAgreement(huge).error?.issues[0]).toMatchObject({ code: 'too_large', maxBytes: 1024 * 1024 });
    expect(safeParseAgreement(JSON.parse(huge)).error?.issues[0]?.code).toBe('too_large');
  });

  it('names wrong types by path', () => {
    const a = base();
    a.stages[1].owner = 'finance';
    a.slas[0].target.minutes = '60';
    a.version = 3;
    expect(issuesOf(a)).toEqual([
      { code: 'invalid_type', path: 'version' },
      { code: 'invalid_value', path: 'stages.1.owner' },
      { code: 'invalid_type', path: 'slas.0.target.minutes' },
    ]);
  });

  it('catches misspelled fields', () => {
    const a = base();
    a.stages[0].entyr = a.stages[0].entry;
    const [issue] = safeParseAgreement(a).error?.issues ?? [];
    expect(issue).toMatchObject({ code: 'unrecognized_keys', keys: ['entyr'], path: ['stages', 0] });
  });

  it('refuses a criteria path through __proto__ and leaves Object.prototype alone', () => {
    const text = JSON.stringify(base()).replace(
      '"field":"email","op":"exists"',
      '"field":"__proto__.polluted","op":"exists"',
    );
    const result = safeParseAgreement(text);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unsafe_path',
      path: ['stages', 0, 'entry', 'field'],
      segment: '__proto__',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a "__proto__" key in JSON input without polluting anything', () => {
    const text = JSON.stringify(base()).replace('"calendars":{', '"calendars":{"__proto__":{"polluted":true},');
    const result = safeParseAgreement(`{"__proto__": {"polluted": true}, ${text.slice(1)}`);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.code)).toContain('unrecognized_keys');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('reports an SLA that starts at a stage that does not exist', () => {
    const a = base();
    a.slas[1].start.stage = 'sqll';
    const [issue] = safeParseAgreement(a).error?.issues ?? [];
    expect(issue).toMatchObject({ code: 'unknown_stage', path: ['slas', 1, 'start', 'stage'], stageId: 'sqll' });
    expect(issue?.message).toContain('"inquiry", "mql", "sal"');
  });

  it('reports unknown calendars, pools, reasons’ stages and metrics', () => {
    const a = base();
    a.slas[0].calendar = 'mars_business';
    a.routing.rules[1].assign.pool = 'moon_sales';
    a.routing.pools[0].members[0].calendar = 'nope';
    a.dispositions[0].toStage = 'gone';
    a.targets['conversion.mql.nope'] = { min: 0.1 };
    expect(issuesOf(a)).toEqual([
      { code: 'unknown_calendar', path: 'slas.0.calendar' },
      { code: 'unknown_stage', path: 'dispositions.0.toStage' },
      { code: 'unknown_pool', path: 'routing.rules.1.assign.pool' },
      { code: 'unknown_calendar', path: 'routing.pools.0.members.0.calendar' },
      { code: 'unknown_metric', path: 'targets.conversion.mql.nope' },
    ]);
  });

  it('reports duplicate ids with the first occurrence', () => {
    const a = base();
    a.stages[2].id = 'mql';
    a.dispositions[1].id = 'no_icp_fit';
    const issues = safeParseAgreement(a).error?.issues ?? [];
    expect(
      issues
        .filter((i) => i.code === 'duplicate_id')
        .map((i) => [i.path.join('.'), i.code === 'duplicate_id' && i.firstPath.join('.')]),
    ).toEqual([
      ['stages.2.id', 'stages.1.id'],
      ['dispositions.1.id', 'dispositions.0.id'],
    ]);
  });

  it('reports an empty funnel', () => {
    expect(issuesOf({ ...base(), stages: [] })).toContainEqual({ code: 'empty_funnel', path: 'stages' });
    const onlySide = {
      ...base(),
      stages: [{ id: 'recycled', label: 'Recycled', owner: 'marketing', kind: 'recycled' }],
      slas: [],
      dispositions: [],
      metrics: [],
      targets: {},
      transitions: { backward: 'deny', allowSkip: true },
    };
    expect(issuesOf(onlySide)).toEqual([{ code: 'empty_funnel', path: 'stages' }]);
  });

  it('requires a recycle stage for the recycle policy', () => {
    const a = base();
    a.stages = a.stages.filter((s: { kind?: string }) => s.kind !== 'recycled');
    delete a.transitions.recycleTo;
    expect(issuesOf(a)).toContainEqual({ code: 'missing_recycle_stage', path: 'transitions.backward' });
  });

  it('requires a calendar for business-clock SLAs', () => {
    const a = base();
    delete a.slas[2].calendar;
    expect(issuesOf(a)).toEqual([{ code: 'missing_calendar', path: 'slas.2.calendar' }]);
  });

  it('checks calendars: time zone, intervals, holidays', () => {
    const a = base();
    a.calendars.us_business.timezone = 'America/Gotham';
    a.calendars.us_business.week.mon = [
      ['09:00', '12:00'],
      ['11:00', '17:00'],
    ];
    a.calendars.us_business.week.tue = [['17:00', '09:00']];
    a.calendars.us_business.week.wed = [['9:00', '17:00']];
    a.calendars.us_business.holidays[0] = '2026-02-30';
    expect(issuesOf(a)).toEqual([
      { code: 'invalid_timezone', path: 'calendars.us_business.timezone' },
      { code: 'overlapping_intervals', path: 'calendars.us_business.week.mon.1' },
      { code: 'invalid_interval', path: 'calendars.us_business.week.tue.0' },
      { code: 'invalid_format', path: 'calendars.us_business.week.wed.0.0' },
      { code: 'invalid_format', path: 'calendars.us_business.holidays.0' },
    ]);
  });

  it('checks the escalation ladder: at most five steps, strictly later each', () => {
    const a = base();
    a.slas[0].escalate = [
      { afterMinutes: 0, action: 'notify_owner' },
      { afterMinutes: 0, action: 'notify_manager' },
    ];
    expect(issuesOf(a)).toEqual([{ code: 'not_increasing', path: 'slas.0.escalate.1.afterMinutes' }]);
    a.slas[0].escalate = Array.from({ length: 6 }, (_, i) => ({ afterMinutes: i * 10, action: 'notify_owner' }));
    expect(issuesOf(a)).toEqual([{ code: 'too_big', path: 'slas.0.escalate' }]);
  });

  it('reports an unknown SLA kind with the kinds it knows', () => {
    const a = base();
    a.slas[0].kind = 'first_contact';
    const [issue] = safeParseAgreement(a).error?.issues ?? [];
    expect(issue).toMatchObject({ code: 'invalid_value', path: ['slas', 0, 'kind'] });
    expect(issue?.message).toContain('"first_touch"');
  });

  it('refuses ids that could be confused with paths or prototypes', () => {
    const a = base();
    a.stages[0].id = 'in.quiry';
    a.routing.pools[0].id = 'constructor';
    expect(issuesOf(a).slice(0, 2)).toEqual([
      { code: 'invalid_format', path: 'stages.0.id' },
      { code: 'invalid_format', path: 'routing.pools.0.id' },
    ]);
  });

  it('throws an AccordError from the throwing twin, never a bare stack trace', () => {
    expect(() => parseAgreement('nope')).toThrow(AccordError);
    expect(() => parseAgreement(null)).toThrow(/Expected object, received null/);
  });
});
