import personalDomainList from 'email-providers/all.json' with { type: 'json' };
import { getDomain } from 'tldts';
import type { Account } from '../records/records.types';
import type { AccountDirectory } from './routing.types';

let personal: ReadonlySet<string> | undefined;

/**
 * True for a personal mail provider (gmail.com, gmx.de, yahoo.co.uk… — the 8,700 domains of the
 * `email-providers` list) or a domain the caller adds.
 */
export function isPersonalMailDomain(domain: string, extra?: ReadonlySet<string>): boolean {
  personal ??= new Set(personalDomainList as string[]);
  const d = domain.toLowerCase();
  return personal.has(d) || (extra?.has(d) ?? false);
}

/**
 * The registrable domain of an e-mail address, a host or a URL, by the Public Suffix List (via tldts):
 * `kim@mail.northwind.co.uk` → `northwind.co.uk`. `null` when there is none (an IP, `localhost`, junk).
 */
export function registrableDomain(value: string): string | null {
  const at = value.lastIndexOf('@');
  const host = (at >= 0 ? value.slice(at + 1) : value).trim().toLowerCase();
  if (host === '') return null;
  let domain = domains.get(host);
  if (domain === undefined) {
    domain = getDomain(host) ?? null;
    if (domains.size > 50_000) domains.clear();
    domains.set(host, domain);
  }
  return domain;
}

/** Hosts seen before: companies send many leads from the same domain. */
const domains = new Map<string, string | null>();
const accountKeys = new Map<string, string | null>();

/**
 * The domain a lead's e-mail or website can match an account by: its registrable domain, or `null`
 * when it has none or it is a personal mail provider. Memoised per host.
 */
export function accountDomainKey(value: string): string | null {
  const at = value.lastIndexOf('@');
  const host = at >= 0 ? value.slice(at + 1) : value;
  let key = accountKeys.get(host);
  if (key === undefined) {
    const domain = registrableDomain(host);
    key = domain === null || isPersonalMailDomain(domain) ? null : domain;
    if (accountKeys.size > 50_000) accountKeys.clear();
    accountKeys.set(host, key);
  }
  return key;
}

/**
 * @name createAccountDirectory
 * @category Routing
 * @summary Indexes accounts by id and by registrable domain, for lead-to-account matching.
 *
 * @description
 * Domains are normalised with the Public Suffix List (`www.northwind.co.uk` and
 * `sales.northwind.co.uk` are both `northwind.co.uk`). Accounts on personal mail domains are left out
 * of the domain index (a gmail.com "account" would capture every gmail lead). When two accounts share
 * a domain, the first keeps it.
 *
 * @param accounts - The CRM's accounts.
 * @returns An {@link AccountDirectory}.
 *
 * @example
 * const accounts = createAccountDirectory([{ id: 'A1', domain: 'www.northwind.co.uk', ownerId: 'ae_grace' }])
 * matchLeadToAccount({ id: 'L1', createdAt: 0, email: 'kim@northwind.co.uk' }, accounts)?.ownerId //=> 'ae_grace'
 */
export function createAccountDirectory(accounts: readonly Account[]): AccountDirectory {
  const byId = new Map<string, Account>();
  const byDomain = new Map<string, Account>();
  for (const account of accounts) {
    if (!byId.has(account.id)) byId.set(account.id, account);
    const domain = account.domain ? registrableDomain(account.domain) : null;
    if (domain && !isPersonalMailDomain(domain) && !byDomain.has(domain)) byDomain.set(domain, account);
  }
  return { byId, byDomain };
}
