import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccordError } from '../errors/AccordError';
import { toInstantMs } from '../records/toInstantMs';
import { generateSample } from '../sample/generateSample';
import { attribute, compareAttribution } from './attribute';
import type { Journey, PathRow } from './attribution.types';
import { buildJourneys } from './buildJourneys';

const credit = (r: ReturnType<typeof attribute>) =>
  Object.fromEntries(r.channels.map((c) => [c.channel, c.conversions]));
const DAY = 86_400_000;
/** Every model that paths without times support, in compareAttribution's order. */
const ALL_WITHOUT_TIMES = [
  'first_touch',
  'last_touch',
  'linear',
  'position_based',
  'w_shaped',
  'full_path',
  'custom',
  'markov',
  'shapley',
] as const;
const iso = (t: number) => new Date(t).toISOString();

// The ChannelAttribution sample (GPL-3 test data, read from ../shared, never bundled).
const sample: PathRow[] = readFileSync(
  new URL('../../../../../shared/data/channelattribution/Data.csv', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [path, c, v, n] = line.split(';');
    return { path: path as string, conversions: Number(c), value: Number(v), nulls: Number(n) };
  });

describe('rule-based models', () => {
  const four: PathRow[] = [{ path: 'a > b > c > d', conversions: 1, value: 100 }];
  it('first, last, linear and position-based split one journey as documented', () => {
    expect(credit(attribute(four, { model: 'first_touch' }))).toEqual({ a: 1, b: 0, c: 0, d: 0 });
    expect(credit(attribute(four, { model: 'last_touch' }))).toEqual({ a: 0, b: 0, c: 0, d: 1 });
    expect(credit(attribute(four, { model: 'linear' }))).toEqual({ a: 0.25, b: 0.25, c: 0.25, d: 0.25 });
    const u = credit(attribute(four, { model: 'position_based' }));
    expect(u.a).toBeCloseTo(0.4, 12);
    expect(u.b).toBeCloseTo(0.1, 12);
    expect(u.d).toBeCloseTo(0.4, 12);
    expect(credit(attribute([{ path: 'a > b', conversions: 2 }], { model: 'position_based' }))).toEqual({ a: 1, b: 1 });
    expect(credit(attribute([{ path: 'a', conversions: 2 }], { model: 'position_based' }))).toEqual({ a: 2 });
    // Repeats count in linear.
    expect(credit(attribute([{ path: 'a > a > b', conversions: 3 }], { model: 'linear' }))).toEqual({ a: 2, b: 1 });
  });

  it('time decay halves a touch’s weight every half-life before the conversion', () => {
    const t = Date.UTC(2026, 2, 20);
    const journeys: Journey[] = [
      {
        touches: [
          { channel: 'old', at: iso(t - 7 * DAY) },
          { channel: 'new', at: iso(t) },
        ],
        conversions: 3,
        value: 30,
        convertedAt: iso(t),
      },
    ];
    const r = credit(attribute(journeys, { model: 'time_decay' }));
    expect(r.old).toBeCloseTo(1, 12);
    expect(r.new).toBeCloseTo(2, 12);
    const slow = credit(attribute(journeys, { model: 'time_decay', halfLifeDays: 14 }));
    expect(slow.old).toBeCloseTo(3 / (1 + Math.SQRT2), 12);
  });

  it('W-shaped credits first touch, lead creation and opportunity creation; falls back when a moment is missing', () => {
    const t = Date.UTC(2026, 2, 1);
    const touches = ['t0', 't1', 't2', 't3', 't4'].map((channel, k) => ({ channel, at: iso(t + k * DAY) }));
    const journey: Journey = {
      touches,
      conversions: 1,
      value: 10,
      convertedAt: iso(t + 10 * DAY),
      leadCreatedAt: iso(t + 2 * DAY + 1),
      opportunityCreatedAt: iso(t + 4 * DAY),
    };
    const w = credit(attribute([journey], { model: 'w_shaped' }));
    for (const [k, x] of Object.entries({ t0: 0.3, t1: 0.05, t2: 0.3, t3: 0.05, t4: 0.3 }))
      expect(w[k]).toBeCloseTo(x, 12);
    const full = credit(attribute([journey], { model: 'full_path' }));
    // The last touch also opened the opportunity: 22.5 % twice.
    expect(full.t4).toBeCloseTo(0.45, 12);
    expect(full.t1).toBeCloseTo(0.1 / 2, 12);
    const { opportunityCreatedAt: _, ...noDeal } = journey;
    const u = credit(attribute([noDeal], { model: 'w_shaped' }));
    expect(u.t0).toBeCloseTo(0.4, 12);
    expect(u.t2).toBeCloseTo(0.4, 12);
    expect(u.t3).toBeCloseTo(0.2 / 3, 12);
    const paths = attribute([{ path: 'a > b > c', conversions: 1 }], { model: 'w_shaped' });
    expect(paths.diagnostics.fallbacks).toBe(1);
    expect(credit(paths).a).toBeCloseTo(0.4, 12);
  });

  it('custom weights by position and channel; an unknown channel in the weights is reported', () => {
    const r = attribute([{ path: 'a > b > c', conversions: 1 }], {
      model: 'custom',
      positions: { first: 0.5, middle: 0.25, last: 0.25 },
      channelWeights: { c: 2, zebra: 3 },
    });
    expect(credit(r)).toEqual({ a: 0.5 / 1.25, b: 0.25 / 1.25, c: 0.5 / 1.25 });
    expect(r.issues).toMatchObject([{ code: 'unknown_channel', channel: 'zebra', path: ['channelWeights', 'zebra'] }]);
  });
});

/** Conversion probability from the start by plain value iteration (an independent check of the solver). */
function iterate(rows: readonly PathRow[], order: number, remove: string | null, nulls: boolean): number {
  const trans = new Map<string, Map<string, number>>();
  const exit = new Map<string, [number, number]>();
  for (const r of rows) {
    const w = r.conversions + (nulls ? (r.nulls ?? 0) : 0);
    if (w === 0) continue;
    const path = (r.path as string)
      .split('>')
      .map((s) => s.trim())
      .filter((c, i, a) => i === 0 || c !== a[i - 1]);
    let prev = '(start)';
    path.forEach((_, t) => {
      const s = path.slice(Math.max(0, t - order + 1), t + 1).join('>');
      const m = trans.get(prev) ?? new Map<string, number>();
      m.set(s, (m.get(s) ?? 0) + w);
      trans.set(prev, m);
      prev = s;
    });
    const e = exit.get(prev) ?? [0, 0];
    exit.set(prev, [e[0] + r.conversions, e[1] + (nulls ? (r.nulls ?? 0) : 0)]);
  }
  const states = [...new Set([...trans.keys(), ...exit.keys()])].filter(
    (s) => !(remove && s.split('>').includes(remove)),
  );
  const x = new Map<string, number>();
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    for (const s of states) {
      const m = trans.get(s) ?? new Map();
      const [c, n] = exit.get(s) ?? [0, 0];
      let out = c + n;
      let sum = c;
      for (const [d, w] of m) {
        out += w;
        sum += w * (x.get(d) ?? 0);
      }
      const next = sum / out;
      change = Math.max(change, Math.abs(next - (x.get(s) ?? 0)));
      x.set(s, next);
    }
    if (change < 1e-14) break;
  }
  return x.get('(start)') ?? 0;
}

describe('Markov removal effect', () => {
  it('gives ChannelAttribution’s answer, exactly, on the package’s own toy example', () => {
    // Simulated by ChannelAttribution / pychattr as A ≈ 1.99, B ≈ 1.01.
    const rows = [
      { path: 'A > B > A > B > B > A', conversions: 1, value: 1 },
      { path: 'A > B > B > A > A', conversions: 1, value: 1 },
      { path: 'A > A', conversions: 1, value: 1 },
    ];
    const r = attribute(rows, { model: 'markov' });
    expect(r.channels).toEqual([
      { channel: 'A', conversions: 2, value: 2 },
      { channel: 'B', conversions: 1, value: 1 },
    ]);
    expect(r.diagnostics.removalEffects).toEqual({ A: 1, B: 0.5 });
  });

  it('matches an independent value iteration on the ChannelAttribution data, first and second order, with and without nulls', () => {
    for (const order of [1, 2]) {
      for (const nulls of [true, false]) {
        const r = attribute(sample, { model: 'markov', order, useNulls: nulls });
        const p = iterate(sample, order, null, nulls);
        expect(r.diagnostics.conversionProbability).toBeCloseTo(p, 10);
        for (const channel of ['alpha', 'kappa', 'mi']) {
          const expected = 1 - iterate(sample, order, channel, nulls) / p;
          expect(r.diagnostics.removalEffects?.[channel]).toBeCloseTo(expected, 9);
        }
      }
    }
  });

  it('is deterministic and never singular: the same input gives the same credits', () => {
    const a = attribute(sample, { model: 'markov' });
    const b = attribute([...sample], { model: 'markov' });
    expect(b.channels).toEqual(a.channels);
    expect(a.diagnostics.solver).toBe('dense');
    expect(a.channels.every((c) => c.conversions > 0)).toBe(true);
  });
});

describe('Shapley value', () => {
  /** Shapley by enumerating every order of the channels (K! orders; small K only). */
  function bruteForce(rows: readonly PathRow[], game: 'conversions' | 'rate'): Record<string, number> {
    const sets = rows.map((r) => ({
      set: new Set((r.path as string).split('>').map((s) => s.trim())),
      c: r.conversions,
      j: r.conversions + (r.nulls ?? 0),
    }));
    const channels = [...new Set(sets.flatMap((s) => [...s.set]))];
    const total = sets.reduce((a, s) => a + s.j, 0);
    const v = (coalition: Set<string>) => {
      let c = 0;
      let j = 0;
      for (const s of sets)
        if ([...s.set].every((x) => coalition.has(x))) {
          c += s.c;
          j += s.j;
        }
      return game === 'conversions' ? c : j > 0 ? (c / j) * total : 0;
    };
    const out: Record<string, number> = Object.fromEntries(channels.map((c) => [c, 0]));
    const perms = (xs: string[]): string[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    const all = perms(channels);
    for (const p of all) {
      const s = new Set<string>();
      let prev = 0;
      for (const ch of p) {
        s.add(ch);
        const cur = v(s);
        out[ch] = (out[ch] as number) + (cur - prev) / all.length;
        prev = cur;
      }
    }
    return out;
  }
  const rows: PathRow[] = [
    { path: 'a > b', conversions: 3, nulls: 5 },
    { path: 'a', conversions: 1, nulls: 9 },
    { path: 'b > c > b', conversions: 2, nulls: 2 },
    { path: 'c > d', conversions: 0, nulls: 4 },
    { path: 'd > a > c', conversions: 4, nulls: 1 },
  ];

  it('is exact for both games (checked against all 24 orders of 4 channels)', () => {
    for (const game of ['conversions', 'rate'] as const) {
      const r = attribute(rows, { model: 'shapley', shapleyGame: game });
      const expected = bruteForce(rows, game);
      for (const c of r.channels) expect(c.conversions).toBeCloseTo(expected[c.channel] as number, 10);
      expect(r.diagnostics.shapleyMethod).toBe('exact');
    }
  });

  it('samples above 15 channels with a seed and reports its error bound', () => {
    const many: PathRow[] = Array.from({ length: 60 }, (_, i) => ({
      path: [`c${i % 18}`, `c${(i * 7) % 18}`, `c${(i * 5 + 3) % 18}`],
      conversions: i % 4,
      nulls: (i * 3) % 5,
    }));
    const a = attribute(many, { model: 'shapley', shapleyGame: 'rate', samples: 3000, seed: 9 });
    const b = attribute([...many], { model: 'shapley', shapleyGame: 'rate', samples: 3000, seed: 9 });
    expect(a.diagnostics.shapleyMethod).toBe('sampled');
    expect(a.diagnostics.errorBound).toBeGreaterThan(0);
    expect(b.channels).toEqual(a.channels);
    const total = a.channels.reduce((s, c) => s + c.conversions, 0);
    expect(total).toBeCloseTo(a.totals.conversions, 9);
  });
});

describe('invariants and bad input', () => {
  it('every model’s credits add up to the total conversions and value, for any paths', () => {
    const row = fc.record({
      path: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 7 }),
      conversions: fc.integer({ min: 0, max: 5 }),
      value: fc.integer({ min: 0, max: 1000 }),
      nulls: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const { results } = compareAttribution(rows, {
          models: [...ALL_WITHOUT_TIMES],
        });
        const conversions = rows.reduce((s, r) => s + r.conversions, 0);
        const value = rows.reduce((s, r) => s + r.value, 0);
        for (const r of results) {
          const sumC = r.channels.reduce((s, c) => s + c.conversions, 0);
          const sumV = r.channels.reduce((s, c) => s + c.value, 0);
          // Markov credits nothing when no converting journey reaches a channel: then there is nothing to split.
          if (conversions > 0) expect(sumC, r.model).toBeCloseTo(conversions, 9);
          if (value > 0 && (r.model !== 'markov' || sumV > 0)) expect(sumV, r.model).toBeCloseTo(value, 6);
          expect(r.channels.every((c) => Number.isFinite(c.conversions))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same channel credits whether or not it also reports every touch (two code paths)', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const touch = fc.record({
      channel: fc.constantFrom('a', 'b', 'c', 'd'),
      campaignId: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
      at: fc.integer({ min: 0, max: 50 }),
    });
    const journey = fc.record({
      touches: fc.array(touch, { minLength: 1, maxLength: 6 }),
      conversions: fc.integer({ min: 0, max: 3 }),
      value: fc.integer({ min: 0, max: 500 }),
      lead: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      opp: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(journey, { minLength: 1, maxLength: 25 }), (list) => {
        const journeys: Journey[] = list.map((j) => {
          const sorted = [...j.touches].sort((x, y) => x.at - y.at);
          return {
            touches: sorted.map((t) => ({
              channel: t.channel,
              at: iso(t0 + t.at * DAY),
              ...(t.campaignId ? { campaignId: t.campaignId } : {}),
            })),
            conversions: j.conversions,
            value: j.value,
            convertedAt: iso(t0 + 60 * DAY),
            ...(j.lead !== undefined ? { leadCreatedAt: iso(t0 + j.lead * DAY) } : {}),
            ...(j.opp !== undefined ? { opportunityCreatedAt: iso(t0 + j.opp * DAY) } : {}),
          };
        });
        const plainCopy = journeys.map((j) => ({ ...j, touches: j.touches.map(({ campaignId, ...t }) => t) }));
        for (const model of [
          'first_touch',
          'last_touch',
          'linear',
          'time_decay',
          'position_based',
          'w_shaped',
          'full_path',
          'custom',
        ] as const) {
          const fast = attribute(plainCopy, { model, channelWeights: model === 'custom' ? { a: 2, b: 0 } : undefined });
          const slow = attribute(journeys, {
            model,
            perJourney: true,
            channelWeights: model === 'custom' ? { a: 2, b: 0 } : undefined,
          });
          for (const c of fast.channels) {
            const other = slow.channels.find((x) => x.channel === c.channel);
            expect(other?.conversions, model).toBeCloseTo(c.conversions, 9);
            expect(other?.value, model).toBeCloseTo(c.value, 9);
          }
          expect(fast.diagnostics.fallbacks ?? 0, model).toBe(slow.diagnostics.fallbacks ?? 0);
          const perJourney = (slow.journeys ?? []).reduce((s, r) => s + r.conversions, 0);
          expect(perJourney).toBeCloseTo(slow.totals.conversions, 9);
        }
        for (const positions of [
          { first: 0.5, middle: 0, last: 0.5 },
          { first: 0, middle: 0, last: 0 },
        ]) {
          const fast = attribute(plainCopy, { model: 'custom', positions });
          const slow = attribute(journeys, { model: 'custom', positions, perJourney: true });
          for (const c of fast.channels)
            expect(slow.channels.find((x) => x.channel === c.channel)?.conversions).toBeCloseTo(c.conversions, 9);
          expect(fast.diagnostics.fallbacks ?? 0).toBe(slow.diagnostics.fallbacks ?? 0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same credits model by model as all models together (one fused scan)', () => {
    const data = generateSample({ leads: 2000, seed: 8 });
    const { journeys } = buildJourneys(data, { lookbackDays: 120 });
    const plain = journeys.map((j) => ({ ...j, touches: j.touches.map(({ campaignId, ...t }) => t) }));
    const models = [
      'first_touch',
      'last_touch',
      'linear',
      'time_decay',
      'position_based',
      'w_shaped',
      'full_path',
      'custom',
    ] as const;
    const together = compareAttribution(plain, { models: [...models] }).results;
    for (const model of models) {
      const alone = attribute([...plain], { model });
      const fused = together.find((r) => r.model === model);
      for (const c of alone.channels)
        expect(fused?.channels.find((x) => x.channel === c.channel)?.conversions, model).toBeCloseTo(c.conversions, 9);
    }
  });

  it('holds on the ChannelAttribution data: 19,785 conversions and 74,802.97 of value in every model', () => {
    const { results } = compareAttribution(sample, {});
    expect(results.map((r) => r.model)).toEqual(ALL_WITHOUT_TIMES);
    for (const r of results) {
      expect(r.channels.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(19_785, 6);
      expect(r.channels.reduce((s, c) => s + c.value, 0)).toBeCloseTo(74_802.97158721, 6);
      expect(r.channels).toHaveLength(12);
    }
  });

  it('reports empty paths and negative conversions, and leaves them out of the totals', () => {
    const r = attribute(
      [
        { path: 'a > b', conversions: 1, value: 5 },
        { path: ' > ', conversions: 4, value: 1 },
        { path: 'a', conversions: -2 },
      ],
      { model: 'linear' },
    );
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['empty_path', 'paths.1.path'],
      ['too_small', 'paths.2.conversions'],
    ]);
    expect(r.totals).toMatchObject({ conversions: 1, value: 5, journeys: 1 });
  });

  it('reports touches after the conversion and gives them no credit', () => {
    const t = Date.UTC(2026, 2, 1);
    const r = attribute(
      [
        {
          touches: [
            { channel: 'a', at: iso(t) },
            { channel: 'b', at: iso(t + 2 * DAY) },
          ],
          conversions: 1,
          convertedAt: iso(t + DAY),
        },
      ],
      {
        model: 'last_touch',
      },
    );
    expect(credit(r)).toEqual({ a: 1 });
    expect(r.issues[0]).toMatchObject({
      code: 'touch_after_conversion',
      path: ['journeys', 0, 'touches', 1, 'at'],
      channel: 'b',
    });
  });

  it('rejects a half-life ≤ 0, an order out of range and time decay without times', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AccordError).issues.map((i) => `${i.code} ${i.path.join('.')}`);
      }
      return [];
    };
    expect(code(() => attribute(sample, { model: 'linear', halfLifeDays: 0 }))).toEqual([
      'invalid_argument halfLifeDays',
    ]);
    expect(code(() => attribute(sample, { model: 'markov', order: 0 }))).toEqual(['invalid_argument order']);
    expect(code(() => attribute(sample, { model: 'time_decay' }))).toEqual(['invalid_argument model']);
  });
});

describe('buildJourneys', () => {
  it('joins touchpoints to won deals within the lookback, with the W-shaped moments', () => {
    const data = generateSample({ leads: 3000, seed: 5 });
    const { journeys, excluded } = buildJourneys(data, { lookbackDays: 90 });
    const converting = journeys.filter((j) => (j.conversions ?? 0) > 0);
    const won = data.opportunities.filter((o) => o.won);
    expect(converting.length).toBeGreaterThan(0);
    expect(converting.length).toBeLessThanOrEqual(won.length);
    for (const j of converting) {
      const at = toInstantMs(j.convertedAt as string);
      for (const t of j.touches) {
        expect(toInstantMs(t.at as string)).toBeLessThanOrEqual(at);
        expect(toInstantMs(t.at as string)).toBeGreaterThanOrEqual(at - 90 * DAY);
      }
    }
    expect(excluded.beforeLookback + excluded.afterConversion + excluded.unlinked).toBeGreaterThanOrEqual(0);
    const r = attribute(journeys, { model: 'w_shaped' });
    expect(r.issues).toEqual([]);
    expect(r.channels.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(converting.length, 9);
    expect(r.campaigns.length).toBeGreaterThan(0);
    const td = attribute(journeys, { model: 'time_decay' });
    expect(td.diagnostics.fallbacks ?? 0).toBe(0);
  });
});

describe('compareAttribution', () => {
  const ALL_MODELS = [
    'first_touch',
    'last_touch',
    'linear',
    'time_decay',
    'position_based',
    'w_shaped',
    'full_path',
    'custom',
    'markov',
    'shapley',
  ] as const;
  // Seed 2's two opportunities are both lost: every journey is a lead's touches without a conversion.
  const data = generateSample({ leads: 50, seed: 2 });
  const { journeys } = buildJourneys(data);
  const codes = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as AccordError).issues.map((i) => `${i.code} ${i.path.join('.')}`);
    }
    return [];
  };

  it('returns every model with zero credit when no journey converts (default models)', () => {
    expect(data.opportunities.some((o) => o.won)).toBe(false);
    expect(journeys.length).toBeGreaterThan(0);
    const { results, table } = compareAttribution(journeys, {});
    expect(results.map((r) => r.model)).toEqual(ALL_MODELS);
    for (const r of results) {
      expect(r.totals, r.model).toMatchObject({ conversions: 0, value: 0, journeys: journeys.length });
      expect(r.channels.length, r.model).toBeGreaterThan(0);
      expect(
        r.channels.every((c) => c.conversions === 0 && c.value === 0),
        r.model,
      ).toBe(true);
      expect(
        r.campaigns.every((c) => c.conversions === 0 && c.value === 0),
        r.model,
      ).toBe(true);
      expect(r.diagnostics.fallbacks ?? 0, r.model).toBe(0);
      expect(r.issues, r.model).toEqual([]);
    }
    expect(table.every((row) => ALL_MODELS.every((m) => row.conversions[m] === 0 && row.value[m] === 0))).toBe(true);
  });

  it('returns the same zero credit as attribute, model by model, when no journey converts', () => {
    const { results } = compareAttribution(journeys, {});
    for (const model of ALL_MODELS) {
      const alone = attribute(journeys, { model });
      expect(alone.channels, model).toEqual(results.find((r) => r.model === model)?.channels);
      expect(alone.totals.conversions, model).toBe(0);
    }
    const perTouch = attribute(journeys, { model: 'time_decay', perJourney: true });
    expect(perTouch.journeys?.every((t) => t.conversions === 0 && t.value === 0)).toBe(true);
  });

  it('leaves out time decay by default when converting journeys have no conversion times', () => {
    const t = Date.UTC(2026, 2, 1);
    const undated: Journey[] = [
      {
        touches: [
          { channel: 'a', at: iso(t) },
          { channel: 'b', at: iso(t + DAY) },
        ],
        conversions: 1,
        value: 100,
      },
    ];
    const { results } = compareAttribution(undated, {});
    expect(results.map((r) => r.model)).toEqual(ALL_WITHOUT_TIMES);
    expect(credit(results[2] as ReturnType<typeof attribute>)).toEqual({ a: 0.5, b: 0.5 });
    expect(codes(() => compareAttribution(undated, { models: ['time_decay'] }))).toEqual(['invalid_argument model']);
    expect(codes(() => attribute(undated, { model: 'time_decay' }))).toEqual(['invalid_argument model']);
  });

  it('throws a coded error for time decay asked for by name on paths without times, even with no conversions', () => {
    const paths: PathRow[] = [
      { path: 'a > b', conversions: 0, nulls: 3 },
      { path: 'b', conversions: 0, nulls: 1 },
    ];
    expect(compareAttribution(paths, {}).results.map((r) => r.model)).toEqual(ALL_WITHOUT_TIMES);
    expect(codes(() => compareAttribution(paths, { models: ['time_decay'] }))).toEqual(['invalid_argument model']);
    expect(codes(() => attribute(paths, { model: 'time_decay' }))).toEqual(['invalid_argument model']);
  });
});
