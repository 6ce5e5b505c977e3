import type { Lead } from '../records/records.types';
import { accountDomainKey } from './createAccountDirectory';
import type { AccountDirectory } from './routing.types';

/** A lead's account, and how it was found. */
export interface AccountMatch {
  accountId: string;
  ownerId: string | undefined;
  /** `account_id` (the lead carries it) or `domain` (its e-mail or website domain). */
  by: 'account_id' | 'domain';
  domain?: string;
}

/**
 * @name matchLeadToAccount
 * @category Routing
 * @summary Finds a lead's account: by its `accountId`, else by its e-mail or website domain.
 *
 * @description
 * The e-mail domain is tried first, then `domain` (the website), each reduced to its registrable
 * domain with the Public Suffix List. Personal mail domains (gmail.com, gmx.de…) never match.
 *
 * @param lead - The lead.
 * @param accounts - From {@link createAccountDirectory}.
 * @returns The match, or `undefined`.
 *
 * @example
 * matchLeadToAccount({ id: 'L1', createdAt: 0, email: 'kim@gmail.com' }, accounts) //=> undefined
 */
export function matchLeadToAccount(lead: Lead, accounts: AccountDirectory): AccountMatch | undefined {
  if (lead.accountId !== undefined) {
    const account = accounts.byId.get(lead.accountId);
    if (account) return { accountId: account.id, ownerId: account.ownerId, by: 'account_id' };
  }
  for (const value of [lead.email, lead.domain]) {
    if (!value) continue;
    const domain = accountDomainKey(value);
    if (domain === null) continue;
    const account = accounts.byDomain.get(domain);
    if (account) return { accountId: account.id, ownerId: account.ownerId, by: 'domain', domain };
  }
  return undefined;
}
