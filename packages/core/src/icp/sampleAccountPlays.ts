import type { BuyingCommitteeDefinition, TargetAccountsDefinition } from '../agreement/agreement.types';

/**
 * @name sampleAccountPlays
 * @category ICP
 * @summary Example target-account tiers and buying committee, to spread into an agreement.
 *
 * @description
 * Tiers: `tier1` (1:1 plays) is enterprise accounts; `tier2` (1:few) mid-market accounts; the
 * first tier that takes an account wins. Roles are recognised from the contact's
 * `attributes.title`: economic buyer (C-level, VP, head of), champion (director or manager of
 * revenue, sales or marketing operations), technical evaluator (architect, engineer, IT, admin) and
 * procurement. Enterprise deals need all four engaged within 30 days; mid-market the economic buyer,
 * a champion and a technical evaluator within 45; everyone else a champion within 60. Meetings,
 * calls and e-mails count as engagement.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleIcp, ...sampleAccountPlays })
 * evaluateCommitteeCoverage(account, contacts, activities, agreement, { now }).missing //=> ['procurement']
 */
export const sampleAccountPlays: {
  targetAccounts: TargetAccountsDefinition;
  buyingCommittee: BuyingCommitteeDefinition;
} = {
  targetAccounts: {
    tiers: [
      {
        id: 'tier1',
        label: 'Tier 1 (1:1)',
        description: 'Named enterprise accounts with a dedicated account plan.',
        when: { field: 'segment', op: 'eq', value: 'enterprise' },
      },
      {
        id: 'tier2',
        label: 'Tier 2 (1:few)',
        description: 'Mid-market accounts in clustered campaigns.',
        when: { field: 'segment', op: 'eq', value: 'mid_market' },
      },
    ],
  },
  buyingCommittee: {
    roles: [
      {
        id: 'economic_buyer',
        label: 'Economic buyer',
        when: {
          field: 'attributes.title',
          op: 'matches',
          value: '\\b(C[A-Z]O|chief|VP|vice president|head of)\\b',
          flags: 'i',
        },
      },
      {
        id: 'champion',
        label: 'Champion',
        when: {
          field: 'attributes.title',
          op: 'matches',
          value:
            '\\b(director|manager|lead)\\b.*\\b(revenue|sales|marketing|ops|operations)\\b|\\b(revenue|sales|marketing|ops|operations)\\b.*\\b(director|manager|lead)\\b',
          flags: 'i',
        },
      },
      {
        id: 'technical_evaluator',
        label: 'Technical evaluator',
        when: {
          field: 'attributes.title',
          op: 'matches',
          value: '\\b(architect|engineer|IT|admin|developer)\\b',
          flags: 'i',
        },
      },
      {
        id: 'procurement',
        label: 'Procurement',
        when: {
          field: 'attributes.title',
          op: 'matches',
          value: '\\b(procurement|purchasing|sourcing)\\b',
          flags: 'i',
        },
      },
    ],
    requirements: [
      {
        id: 'enterprise',
        label: 'Enterprise committee',
        appliesTo: { field: 'segment', op: 'eq', value: 'enterprise' },
        roles: ['economic_buyer', 'champion', 'technical_evaluator', 'procurement'],
        staleAfterDays: 30,
        activityTypes: ['meeting', 'call', 'email'],
      },
      {
        id: 'mid_market',
        label: 'Mid-market committee',
        appliesTo: { field: 'segment', op: 'eq', value: 'mid_market' },
        roles: ['economic_buyer', 'champion', 'technical_evaluator'],
        staleAfterDays: 45,
        activityTypes: ['meeting', 'call', 'email'],
      },
      {
        id: 'smb',
        label: 'SMB: one champion',
        roles: ['champion'],
        staleAfterDays: 60,
        activityTypes: ['meeting', 'call', 'email'],
      },
    ],
  },
};
