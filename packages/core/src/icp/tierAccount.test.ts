import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import type { Account } from '../records/records.types';
import { sampleAccountPlays } from './sampleAccountPlays';
import { tierAccount } from './tierAccount';

const agreement: Agreement = { ...defaultAgreement, ...sampleAccountPlays };
const named: Agreement = {
  ...defaultAgreement,
  targetAccounts: {
    tiers: [
      { id: 'strategic', label: 'Strategic', accountIds: ['A9'] },
      {
        id: 'fintech',
        label: 'Fintech',
        accountIds: ['A7'],
        when: { field: 'attributes.industry', op: 'eq', value: 'fintech' },
      },
      {
        id: 'recent',
        label: 'Recently active',
        when: { field: 'attributes.lastSeenAt', op: 'within_days', value: 30 },
      },
    ],
  },
};

describe('tierAccount', () => {
  it('returns the first tier whose rule matches the account, with the deciding comparison', () => {
    expect(tierAccount({ id: 'A1', segment: 'enterprise' }, agreement)).toEqual({
      tierId: 'tier1',
      label: 'Tier 1 (1:1)',
      via: 'rule',
      detail: 'segment is "enterprise", needs = "enterprise"',
    });
    expect(tierAccount({ id: 'A2', segment: 'mid_market' }, agreement)).toMatchObject({ tierId: 'tier2', via: 'rule' });
  });

  it('returns no tier, with every tier’s reason, when none takes the account', () => {
    expect(tierAccount({ id: 'A3', segment: 'smb' }, agreement)).toEqual({
      tierId: null,
      label: null,
      via: 'none',
      detail:
        'in no target tier (Tier 1 (1:1): segment is "smb", needs = "enterprise" | Tier 2 (1:few): segment is "smb", needs = "mid_market")',
    });
  });

  it('takes a listed account before any later tier’s rule, and before its own rule', () => {
    expect(tierAccount({ id: 'A9', attributes: { industry: 'fintech' } }, named)).toEqual({
      tierId: 'strategic',
      label: 'Strategic',
      via: 'listed',
      detail: 'listed in Strategic',
    });
    expect(tierAccount({ id: 'A7', attributes: { industry: 'fintech' } }, named)).toMatchObject({
      tierId: 'fintech',
      via: 'listed',
    });
    expect(tierAccount({ id: 'A8', attributes: { industry: 'fintech' } }, named)).toMatchObject({
      tierId: 'fintech',
      via: 'rule',
    });
  });

  it('says "not listed" for a list-only tier that passes an account over', () => {
    const listOnly: Agreement = {
      ...defaultAgreement,
      targetAccounts: { tiers: [{ id: 'strategic', label: 'Strategic', accountIds: ['A9'] }] },
    };
    const { detail } = tierAccount({ id: 'A1' }, listOnly);
    expect(detail).toBe('in no target tier (Strategic: not listed)');
  });

  it('returns no tier when the agreement has no target-account tiers', () => {
    expect(tierAccount({ id: 'A1', segment: 'enterprise' }, defaultAgreement)).toEqual({
      tierId: null,
      label: null,
      via: 'none',
      detail: 'The agreement defines no target-account tiers.',
    });
  });

  it('evaluates within_days rules at the given now, and throws without it', () => {
    const account: Account = { id: 'A5', attributes: { lastSeenAt: '2026-03-01T00:00:00Z' } };
    expect(tierAccount(account, named, { now: '2026-03-20T00:00:00Z' }).tierId).toBe('recent');
    expect(tierAccount(account, named, { now: '2026-05-20T00:00:00Z' }).tierId).toBeNull();
    expect(() => tierAccount(account, named)).toThrow(/now/);
  });

  it('throws an AccordError for a malformed tier rule', () => {
    const broken = {
      ...defaultAgreement,
      targetAccounts: { tiers: [{ id: 't', label: 'T', when: { field: 'segment', op: 'between', value: 1 } }] },
    } as unknown as Agreement;
    expect(() => tierAccount({ id: 'A1' }, broken)).toThrow(AccordError);
  });

  it('always returns a tier the agreement defines, and a listed account always gets the first tier listing it', () => {
    const ids = ['A1', 'A2', 'A3', 'A4'];
    const tier = fc.record({
      accountIds: fc.option(fc.subarray(ids), { nil: undefined }),
      segment: fc.option(fc.constantFrom('enterprise', 'smb'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(tier, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...ids),
        fc.constantFrom('enterprise', 'smb'),
        (specs, id, segment) => {
          const tiers = specs.map((s, i) => ({
            id: `t${i}`,
            label: `T${i}`,
            ...(s.accountIds && { accountIds: s.accountIds }),
            ...(s.segment && { when: { field: 'segment', op: 'eq' as const, value: s.segment } }),
          }));
          const result = tierAccount({ id, segment }, { ...defaultAgreement, targetAccounts: { tiers } });
          const first = tiers.findIndex((t) => t.accountIds?.includes(id) || t.when?.value === segment);
          expect(result.tierId).toBe(first === -1 ? null : `t${first}`);
          if (first !== -1) expect(result.via).toBe(tiers[first]?.accountIds?.includes(id) ? 'listed' : 'rule');
        },
      ),
    );
  });
});
