import type { Agreement } from '../agreement/agreement.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import type { Account } from '../records/records.types';
import type { AccountTierResult, TierAccountOptions } from './accounts.types';

/**
 * @name tierAccount
 * @category ICP
 * @summary Which target-account tier an account is in (account-based plays), and why.
 *
 * @description
 * Walks the agreement's `targetAccounts.tiers` in order; the first tier that takes the account wins.
 * A tier takes an account when its `accountIds` list it (`via: 'listed'`, checked first, so a named
 * account is never re-explained by a rule) or its `when` rule matches the {@link Account} record
 * (`via: 'rule'`, the rule's comparisons as the `detail`). An account no tier takes has `tierId: null`
 * and `via: 'none'`, with each tier's reason for passing it over in `detail`; so does every account
 * when the agreement has no `targetAccounts` section.
 *
 * Tier rules read the account record as it is (`segment`, `region`, `attributes.industry`…); pass
 * `now` when a rule uses `within_days`. Account fields are company data, so the `detail` may quote
 * them.
 *
 * @param account - The account.
 * @param agreement - The agreement (from {@link parseAgreement}, which checks every tier has a list or a rule).
 * @param options - `now`, for rules that use `within_days`.
 * @returns `{ tierId, label, via, detail }`.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleAccountPlays })
 * tierAccount({ id: 'A1', segment: 'enterprise' }, agreement)
 * //=> { tierId: 'tier1', label: 'Tier 1 (1:1)', via: 'rule', detail: 'segment is "enterprise", needs = "enterprise"' }
 * tierAccount({ id: 'A2', segment: 'smb' }, agreement).via //=> 'none'
 */
export function tierAccount(account: Account, agreement: Agreement, options?: TierAccountOptions): AccountTierResult {
  const tiers = agreement.targetAccounts?.tiers ?? [];
  if (tiers.length === 0)
    return { tierId: null, label: null, via: 'none', detail: 'The agreement defines no target-account tiers.' };
  const passedOver: string[] = [];
  for (const tier of tiers) {
    if (tier.accountIds?.includes(account.id))
      return { tierId: tier.id, label: tier.label, via: 'listed', detail: `listed in ${tier.label}` };
    const why: string[] = [];
    if (tier.accountIds) why.push('not listed');
    if (tier.when) {
      const verdict = evaluateCriteria(account, tier.when, options?.now === undefined ? {} : { now: options.now });
      // The comparisons that decided: those that helped a match, or those that failed a miss.
      const deciding = verdict.reasons.filter((r) => (r.passed !== r.negated) === verdict.passed);
      const detail = (deciding.length > 0 ? deciding : verdict.reasons).map((r) => r.message).join('; ');
      if (verdict.passed) return { tierId: tier.id, label: tier.label, via: 'rule', detail };
      why.push(detail);
    }
    passedOver.push(`${tier.label}: ${why.join('; ')}`);
  }
  return { tierId: null, label: null, via: 'none', detail: `in no target tier (${passedOver.join(' | ')})` };
}
