import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { sampleIcp } from '../icp/sampleIcp';
import { describeRule } from './describeRule';
import { diffAgreements } from './diffAgreements';

type Mutable = { -readonly [K in keyof Agreement]: any };
const copy = (a: Agreement = defaultAgreement): Mutable => structuredClone(a) as Mutable;
const summaries = (a: Agreement, b: Agreement) => diffAgreements(a, b).changes.map((c) => c.summary);

describe('describeRule', () => {
  it('joins all with "and", any with "or", and parenthesises nested groups', () => {
    expect(
      describeRule({
        any: [
          { field: 'attributes.demoRequested', op: 'eq', value: true },
          {
            all: [
              { field: 'attributes.employees', op: 'gte', value: 50 },
              { field: 'country', op: 'in', value: ['US', 'CA'] },
            ],
          },
        ],
      }),
    ).toBe('attributes.demoRequested = true or (attributes.employees ≥ 50 and country in "US", "CA")');
  });

  it('keeps a label beside the text it names', () => {
    expect(describeRule({ field: 'attributes.employees', op: 'gte', value: 50, label: 'ICP: 50+' })).toBe(
      'ICP: 50+ (attributes.employees ≥ 50)',
    );
  });

  it('writes negation, presence, regexes and day windows', () => {
    expect(describeRule({ not: { field: 'email', op: 'matches', value: '@gmail\\.com$', flags: 'i' } })).toBe(
      'not email matches /@gmail\\.com$/i',
    );
    expect(describeRule({ field: 'ownerId', op: 'exists', value: false })).toBe('ownerId is missing');
    expect(describeRule({ field: 'stageDates.mql', op: 'within_days', value: 30 })).toBe(
      'stageDates.mql within the last 30 days',
    );
  });
});

describe('diffAgreements', () => {
  it('finds nothing between a version and its copy', () => {
    expect(diffAgreements(defaultAgreement, copy()).changes).toEqual([]);
  });

  it('heads the result with both versions and leaves id, version and effective date out of the changes', () => {
    const b = { ...copy(), version: '2026.2', effectiveFrom: '2026-07-01' };
    const diff = diffAgreements(defaultAgreement, b);
    expect(diff.to).toEqual({ id: defaultAgreement.id, version: '2026.2', effectiveFrom: '2026-07-01' });
    expect(diff.changes).toEqual([]);
  });

  it('writes changed stage criteria out in full, before and after', () => {
    const b = copy();
    b.stages[1].entry = { field: 'attributes.employees', op: 'gte', value: 20 };
    const [change] = diffAgreements(defaultAgreement, b).changes;
    expect(change?.kind).toBe('changed');
    expect(change?.path).toEqual(['stages', 1, 'entry']);
    expect(change?.summary).toMatch(
      /^Stage "MQL" \(mql\): entry criteria changed from .+ to attributes\.employees ≥ 20\.$/,
    );
  });

  it('reads SLA targets as minutes on their clock', () => {
    const b = copy();
    b.slas[0].target = { minutes: 120, clock: 'business' };
    expect(summaries(defaultAgreement, b)).toEqual([
      expect.stringMatching(/^SLA ".+" \(.+\): target changed from 60 business minutes to 120 business minutes\.$/),
    ]);
  });

  it('matches list entries by id: added, removed and edited entries read as such', () => {
    const b = copy();
    const removed = b.dispositions[0];
    b.dispositions = b.dispositions.slice(1);
    b.dispositions[0].label = 'Renamed';
    b.dispositions.push({ id: 'bad_timing', label: 'Bad timing', action: 'recycle' });
    const changes = diffAgreements(defaultAgreement, b).changes;
    expect(changes.map((c) => c.kind)).toEqual(['removed', 'changed', 'added']);
    expect(changes[0]?.summary).toContain(`Reject reason "${removed.label}" (${removed.id}) removed.`);
    expect(changes[1]?.summary).toMatch(/label changed from ".+" to "Renamed"\./);
    expect(changes[2]?.summary).toBe('Reject reason "Bad timing" (bad_timing) added.');
  });

  it('reports a new order of routing rules, since the first match wins', () => {
    const b = copy();
    b.routing.rules = [...b.routing.rules].reverse();
    const changes = diffAgreements(defaultAgreement, b).changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]?.kind).toBe('reordered');
    expect(changes[0]?.summary).toMatch(/^Routing, rule order changed: .+ \(was .+\); the first match wins\.$/);
  });

  it('names calendars and targets by their key and lists added holidays', () => {
    const b = copy();
    const [calendarId] = Object.keys(b.calendars);
    b.calendars[calendarId as string].holidays.push('2026-12-24');
    b.targets = { ...b.targets, 'conversion.mql.sal': { min: 0.25 } };
    expect(summaries(defaultAgreement, b)).toEqual([
      `Calendar "${calendarId}": holidays added "2026-12-24".`,
      expect.stringMatching(/^Target "conversion\.mql\.sal": minimum changed from [\d.]+ to 0\.25\.$/),
    ]);
  });

  it('reports a whole new section, and ICP weights by criterion', () => {
    const withIcp = { ...copy(), ...structuredClone(sampleIcp) } as Mutable;
    expect(summaries(defaultAgreement, withIcp)).toEqual([
      expect.stringMatching(/^ICP added: /),
      expect.stringMatching(/^Intent added: /),
    ]);
    const reweighted = structuredClone(withIcp);
    reweighted.icp.criteria[0].weight = 35;
    reweighted.icp.criteria[1].weight = 20;
    expect(summaries(withIcp, reweighted)).toEqual([
      'ICP, criterion "Industry: software, financial services or e-commerce" (industry): weight changed from 30 to 35.',
      'ICP, criterion "50–999 employees" (employees): weight changed from 25 to 20.',
    ]);
  });

  it('is empty exactly when the definitions are equal, and one-sided changes swap when the versions swap', () => {
    const labels = fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(labels, fc.nat(100), (names, minutes) => {
        const b = copy();
        b.dispositions = names.map((label, i) => ({ id: `r${i}`, label, action: 'nurture' }));
        b.slas[0].target = { minutes: minutes + 1, clock: 'business' };
        const forward = diffAgreements(defaultAgreement, b).changes;
        const backward = diffAgreements(b, defaultAgreement).changes;
        expect(forward.length > 0).toBe(true);
        expect(backward.filter((c) => c.kind === 'added').length).toBe(
          forward.filter((c) => c.kind === 'removed').length,
        );
        expect(backward.filter((c) => c.kind === 'removed').length).toBe(
          forward.filter((c) => c.kind === 'added').length,
        );
        expect(diffAgreements(b, structuredClone(b) as Agreement).changes).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
