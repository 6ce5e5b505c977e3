import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors/AccordError';
import { sampleAccountPlays } from '../icp/sampleAccountPlays';
import { sampleIcp } from '../icp/sampleIcp';
import { sampleWinLoss } from '../winloss/sampleWinLoss';
import { defaultAgreement } from './defaultAgreement';
import { parseAgreement, safeParseAgreement } from './parseAgreement';

/** A deep copy of the default agreement with the sample ICP, loosened so tests can break it. */
const base = (): Record<string, any> => JSON.parse(JSON.stringify({ ...defaultAgreement, ...sampleIcp }));
/** The same, with the sample target tiers, buying committee and win/loss catalog. */
const full = (): Record<string, any> =>
  JSON.parse(JSON.stringify({ ...defaultAgreement, ...sampleIcp, ...sampleAccountPlays, ...sampleWinLoss }));
/** Index of the MQL stage in the default agreement. */
const MQL = defaultAgreement.stages.findIndex((s) => s.id === 'mql');
const issuesOf = (input: unknown) => {
  const result = safeParseAgreement(input);
  if (result.success) return [];
  return result.error.issues.map(({ path, message, ...rest }) => ({ ...rest, path: path.join('.') }));
};

describe('parseAgreement (icp and intent)', () => {
  it('accepts an agreement with the sample ICP and intent, as an object and as JSON text', () => {
    const agreement = { ...defaultAgreement, ...sampleIcp };
    expect(parseAgreement(agreement)).toEqual(agreement);
    expect(parseAgreement(JSON.stringify(agreement))).toEqual(agreement);
  });

  it('accepts an ICP without a declared total, whatever the weights add up to', () => {
    const a = base();
    delete a.icp.declaredTotal;
    a.icp.criteria[0].weight = 3;
    expect(issuesOf(a)).toEqual([]);
  });

  it('reports weights_mismatch when the weights do not add up to declaredTotal', () => {
    const a = base();
    a.icp.criteria[0].weight = 35;
    expect(issuesOf(a)).toEqual([
      { code: 'weights_mismatch', path: 'icp.declaredTotal', expected: 100, received: 105 },
    ]);
    expect(safeParseAgreement(a).error?.issues[0]?.message).toBe(
      'The weights add up to 105, but "declaredTotal" says 100: rebalance the weights or update "declaredTotal".',
    );
  });

  it('accepts fractional weights that add up to declaredTotal despite floating-point error', () => {
    const a = base();
    a.icp.criteria = a.icp.criteria.slice(0, 2);
    a.icp.criteria[0].weight = 0.1;
    a.icp.criteria[1].weight = 0.2;
    a.icp.declaredTotal = 0.3;
    expect(issuesOf(a)).toEqual([]);
  });

  it('reports duplicate criterion ids with the first occurrence', () => {
    const a = base();
    a.icp.criteria[2].id = 'industry';
    expect(issuesOf(a)).toEqual([
      {
        code: 'duplicate_id',
        path: 'icp.criteria.2.id',
        kind: 'criterion',
        id: 'industry',
        firstPath: ['icp', 'criteria', 0, 'id'],
      },
    ]);
  });

  it('reports duplicate signal ids', () => {
    const a = base();
    a.intent.signals[3].id = 'meeting';
    expect(issuesOf(a)).toEqual([
      {
        code: 'duplicate_id',
        path: 'intent.signals.3.id',
        kind: 'signal',
        id: 'meeting',
        firstPath: ['intent', 'signals', 1, 'id'],
      },
    ]);
  });

  it('reports tiers that are not strictly descending', () => {
    const a = base();
    a.icp.tiers = { A: 80, B: 80, C: 90 };
    expect(issuesOf(a)).toEqual([
      { code: 'not_descending', path: 'icp.tiers.B', previous: 80, value: 80 },
      { code: 'not_descending', path: 'icp.tiers.C', previous: 80, value: 90 },
    ]);
    expect(safeParseAgreement(a).error?.issues[0]?.message).toMatch(/lower than the previous tier's 80, got 80/);
  });

  it('reports tiers outside 0–100', () => {
    const a = base();
    a.icp.tiers = { A: 120, B: 50, C: -5 };
    expect(issuesOf(a)).toMatchObject([
      { code: 'too_big', path: 'icp.tiers.A', maximum: 100 },
      { code: 'too_small', path: 'icp.tiers.C', minimum: 0 },
    ]);
  });

  it('reports negative weights on criteria and signals', () => {
    const a = base();
    a.icp.criteria[1].weight = -25;
    a.intent.signals[0].weight = -1;
    expect(issuesOf(a)).toMatchObject([
      { code: 'too_small', path: 'icp.criteria.1.weight', minimum: 0, inclusive: true },
      { code: 'too_small', path: 'intent.signals.0.weight', minimum: 0, inclusive: true },
    ]);
  });

  it('reports a half-life of zero or less', () => {
    const a = base();
    a.intent.signals[0].halfLifeDays = 0;
    a.intent.signals[1].halfLifeDays = -7;
    expect(issuesOf(a)).toMatchObject([
      { code: 'too_small', path: 'intent.signals.0.halfLifeDays', minimum: 0, inclusive: false },
      { code: 'too_small', path: 'intent.signals.1.halfLifeDays', minimum: 0, inclusive: false },
    ]);
  });

  it('reports an engagement cap outside (0, 100]', () => {
    const a = base();
    a.intent.cap = 150;
    expect(issuesOf(a)).toMatchObject([{ code: 'too_big', path: 'intent.cap', maximum: 100 }]);
    a.intent.cap = 0;
    expect(issuesOf(a)).toMatchObject([{ code: 'too_small', path: 'intent.cap', minimum: 0, inclusive: false }]);
  });

  it('reports a malformed criterion rule at the exact node', () => {
    const a = base();
    a.icp.criteria[1].when.all[0].op = 'between';
    expect(issuesOf(a)[0]).toMatchObject({ path: 'icp.criteria.1.when.all.0.op' });
  });

  it('reports activity fields on a touchpoint signal as unrecognized keys', () => {
    const a = base();
    a.intent.signals[0].types = ['demo'];
    expect(issuesOf(a)).toMatchObject([{ code: 'unrecognized_keys', path: 'intent.signals.0', keys: ['types'] }]);
  });

  it('throws an AccordError holding every issue', () => {
    const a = base();
    a.icp.criteria[2].id = 'industry';
    a.icp.criteria[0].weight = 31;
    expect(() => parseAgreement(a)).toThrow(AccordError);
    expect(safeParseAgreement(a).error?.issues.map((i) => i.code)).toEqual(['duplicate_id', 'weights_mismatch']);
  });
});

describe('parseAgreement (scores in stage criteria)', () => {
  it('accepts stage rules reading scores.fit, scores.tier and scores.engagement when icp and intent are defined', () => {
    const a = base();
    a.stages[MQL].entry = {
      all: [
        { field: 'scores.fit', op: 'gte', value: 55 },
        { field: 'scores.tier', op: 'in', value: ['A', 'B'] },
        { field: 'scores.engagement', op: 'gte', value: 25 },
      ],
    };
    expect(issuesOf(a)).toEqual([]);
  });

  it('reports unknown_score for a score field that does not exist, at the rule’s field', () => {
    const a = base();
    a.stages[MQL].entry = {
      any: [
        { field: 'attributes.x', op: 'exists' },
        { field: 'scores.intent', op: 'gte', value: 1 },
      ],
    };
    expect(issuesOf(a)).toEqual([
      {
        code: 'unknown_score',
        path: `stages.${MQL}.entry.any.1.field`,
        field: 'scores.intent',
        known: ['scores.fit', 'scores.tier', 'scores.engagement'],
      },
    ]);
    expect(safeParseAgreement(a).error?.issues[0]?.message).toBe(
      'Unknown score field "scores.intent"; the scores are "scores.fit", "scores.tier", "scores.engagement".',
    );
  });

  it('reports score_not_defined when a stage rule reads the fit but the icp section is missing', () => {
    const a = base();
    delete a.icp;
    a.stages[MQL].exit = { not: { field: 'scores.tier', op: 'eq', value: 'none' } };
    expect(issuesOf(a)).toEqual([
      { code: 'score_not_defined', path: `stages.${MQL}.exit.not.field`, field: 'scores.tier', section: 'icp' },
    ]);
    expect(safeParseAgreement(a).error?.issues[0]?.message).toMatch(
      /^"scores\.tier" needs the agreement's "icp" section/,
    );
  });

  it('reports score_not_defined when a stage rule reads engagement but the intent section is missing', () => {
    const a = base();
    delete a.intent;
    a.stages[MQL].entry = {
      all: [
        { field: 'scores.fit', op: 'gte', value: 55 },
        { field: 'scores.engagement', op: 'gte', value: 25 },
      ],
    };
    expect(issuesOf(a)).toEqual([
      {
        code: 'score_not_defined',
        path: `stages.${MQL}.entry.all.1.field`,
        field: 'scores.engagement',
        section: 'intent',
      },
    ]);
  });
});

describe('parseAgreement (target accounts, buying committee, win/loss)', () => {
  it('accepts the sample target tiers, buying committee and win/loss catalog', () => {
    const agreement = full();
    expect(parseAgreement(agreement)).toEqual(agreement);
  });

  it('reports unknown_role for a requirement naming a role the committee does not define', () => {
    const a = full();
    a.buyingCommittee.requirements[1].roles[2] = 'cto';
    expect(issuesOf(a)).toEqual([
      {
        code: 'unknown_role',
        path: 'buyingCommittee.requirements.1.roles.2',
        roleId: 'cto',
        known: ['economic_buyer', 'champion', 'technical_evaluator', 'procurement'],
      },
    ]);
    expect(safeParseAgreement(a).error?.issues[0]?.message).toBe(
      'Unknown buying role "cto"; the agreement\'s roles are "economic_buyer", "champion", "technical_evaluator", "procurement".',
    );
  });

  it('reports a role required twice by one requirement', () => {
    const a = full();
    a.buyingCommittee.requirements[1].roles.push('champion');
    const result = safeParseAgreement(a);
    expect(result.error?.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['duplicate_id', 'buyingCommittee.requirements.1.roles.3'],
    ]);
  });

  it('reports duplicate role ids with the first occurrence', () => {
    const a = full();
    a.buyingCommittee.roles[3].id = 'champion';
    expect(issuesOf(a)).toEqual([
      {
        code: 'duplicate_id',
        path: 'buyingCommittee.roles.3.id',
        kind: 'role',
        id: 'champion',
        firstPath: ['buyingCommittee', 'roles', 1, 'id'],
      },
      // The enterprise requirement still names procurement, which no longer exists.
      expect.objectContaining({
        code: 'unknown_role',
        path: 'buyingCommittee.requirements.0.roles.3',
        roleId: 'procurement',
      }),
    ]);
  });

  it('reports duplicate tier ids with the first occurrence', () => {
    const a = full();
    a.targetAccounts.tiers[1].id = 'tier1';
    expect(issuesOf(a)).toEqual([
      {
        code: 'duplicate_id',
        path: 'targetAccounts.tiers.1.id',
        kind: 'tier',
        id: 'tier1',
        firstPath: ['targetAccounts', 'tiers', 0, 'id'],
      },
    ]);
  });

  it('reports duplicate loss reason ids with the first occurrence', () => {
    const a = full();
    a.winLoss.lossReasons[4].id = 'price';
    expect(issuesOf(a)).toEqual([
      {
        code: 'duplicate_id',
        path: 'winLoss.lossReasons.4.id',
        kind: 'loss_reason',
        id: 'price',
        firstPath: ['winLoss', 'lossReasons', 2, 'id'],
      },
    ]);
  });

  it('reports a tier with neither accountIds nor when', () => {
    const a = full();
    delete a.targetAccounts.tiers[1].when;
    expect(issuesOf(a)).toEqual([
      {
        code: 'invalid_type',
        path: 'targetAccounts.tiers.1',
        expected: '"accountIds", "when" or both (which accounts are in the tier?)',
        received: 'neither',
      },
    ]);
    a.targetAccounts.tiers[1].accountIds = ['A000042'];
    expect(issuesOf(a)).toEqual([]);
  });
});

describe('parseAgreement (the council decision log)', () => {
  const decision = {
    id: 'mql_pilot',
    date: '2026-10-02',
    decision: 'Pilot the 100+ employees MQL definition for 90 days',
    owner: 'RevOps',
    metric: 'conversion.mql.sal',
    reviewOn: '2027-01-05',
  };

  it('accepts a decision with its metric and review date', () => {
    expect(parseAgreement({ ...defaultAgreement, decisions: [decision] }).decisions).toEqual([decision]);
  });

  it('reports duplicate ids, unknown metrics and a review before the decision, each at its path', () => {
    const result = safeParseAgreement({
      ...defaultAgreement,
      decisions: [decision, { ...decision, metric: 'conversion.mql.sall', reviewOn: '2026-09-01' }],
    });
    expect(result.error?.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['duplicate_id', 'decisions.1.id'],
      ['unknown_metric', 'decisions.1.metric'],
      ['invalid_interval', 'decisions.1.reviewOn'],
    ]);
  });
});
