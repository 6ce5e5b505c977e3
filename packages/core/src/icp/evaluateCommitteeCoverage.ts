import type { Agreement, BuyingRole, CommitteeRequirement } from '../agreement/agreement.types';
import { compileCriteria } from '../criteria/compileCriteria';
import { accordError } from '../errors/errorMap';
import type { RawIssue } from '../errors/errors.types';
import { describeRule } from '../governance/describeRule';
import type { Account, Activity, Lead } from '../records/records.types';
import { DAY_MS, eventMs, nowMs } from './_engagement';
import type { CommitteeCoverage, EvaluateCommitteeCoverageOptions, RoleCoverage, RoleState } from './accounts.types';
import { tierAccount } from './tierAccount';

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A contact's newest qualifying activity. */
interface Latest {
  at: number;
  type: string;
  id: string;
}

/** Lead ids for a sentence: the first five, then how many more. */
function ids(list: readonly string[]): string {
  const shown = list.slice(0, 5).join(', ');
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}

const holders = (n: number): string => `${n} contact${n === 1 ? ' holds' : 's hold'} the role`;

/** Throws when a requirement names a role the committee does not define (only possible without parseAgreement). */
function checkRoles(roles: readonly BuyingRole[], requirements: readonly CommitteeRequirement[]): void {
  const known = roles.map((r) => r.id);
  const issues: RawIssue[] = [];
  requirements.forEach((requirement, i) => {
    requirement.roles.forEach((roleId, j) => {
      if (!known.includes(roleId))
        issues.push({ code: 'unknown_role', path: ['buyingCommittee', 'requirements', i, 'roles', j], roleId, known });
    });
  });
  if (issues.length > 0) throw accordError(issues);
}

function noRequirement(accountId: string): CommitteeCoverage {
  return {
    accountId,
    requirementId: null,
    requirementLabel: null,
    roles: [],
    coverage: null,
    engaged: 0,
    required: 0,
    missing: [],
    stale: [],
    unengaged: [],
  };
}

/**
 * @name evaluateCommitteeCoverage
 * @category ICP
 * @summary Which roles of an account's buying committee are engaged, stale, unengaged or missing.
 *
 * @description
 * Deals stall when only one person at the account is talking to us. The agreement's
 * `buyingCommittee` says which roles must be engaged where; this checks one account.
 *
 * **Which requirement**: the first of `buyingCommittee.requirements` whose `appliesTo` rule matches
 * the account record, augmented with `tier` — the account's target tier id from {@link tierAccount}
 * (`null` when untargeted) — so a requirement can read `segment`, `region`, `attributes.*` or
 * `{ field: 'tier', op: 'eq', value: 'tier1' }`. A requirement without `appliesTo` applies to every
 * account. When none applies (or there is no `buyingCommittee`), `requirementId` is `null`, `roles`
 * is empty and `coverage` is `null`: no committee is expected, which is not the same as 0 %.
 *
 * **Each required role**, in the requirement's order: the account's contacts (leads whose
 * `accountId` is the account's; others are ignored) whose record matches the role's `when` rule hold
 * it — one person may hold several roles. Their qualifying activities are those of the requirement's
 * `activityTypes` (any type when absent) at or before `now`. The role is
 * - `engaged` when the newest is at most `staleAfterDays` days before `now`;
 * - `stale` when it is older;
 * - `unengaged` when contacts hold the role but none has a qualifying activity;
 * - `missing` when no contact holds it.
 *
 * `coverage` is engaged roles ÷ required roles (0–1). Each role's `detail` names contacts by lead id
 * only — names, e-mails and titles are personal data and are never quoted — and describes the role's
 * rule from the agreement when no contact matches it. The result does not depend on input order.
 * Marketing touchpoints do not count: the committee is engaged by sales conversations.
 *
 * @param account - The account.
 * @param contacts - Leads; those of other accounts are ignored, so all leads may be passed.
 * @param activities - Sales activities; those of other leads are ignored.
 * @param agreement - The agreement with `buyingCommittee` (and `targetAccounts` for tier-based requirements).
 * @param options - `now` (required).
 * @returns {@link CommitteeCoverage}.
 * @throws {AccordError} `unknown_role` (path `['buyingCommittee', 'requirements', i, 'roles', j]`) when
 * an agreement that did not go through {@link parseAgreement} names a role it does not define.
 * @throws {Error} When `now` or a qualifying activity's `at` is not a valid instant.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleAccountPlays })
 * const verdict = evaluateCommitteeCoverage({ id: 'A1', segment: 'enterprise' }, leads, activities, agreement, { now })
 * verdict.coverage //=> 0.5
 * verdict.missing //=> ['procurement']
 * verdict.roles[1] //=> { roleId: 'champion', state: 'stale', contactIds: ['L7'], lastEngagedAt: 1767261600000,
 * //                      detail: 'L7: call 41.0 days ago, more than 30 days (stale); 1 contact holds the role', … }
 */
export function evaluateCommitteeCoverage(
  account: Account,
  contacts: readonly Lead[],
  activities: readonly Activity[],
  agreement: Agreement,
  options: EvaluateCommitteeCoverageOptions,
): CommitteeCoverage {
  const now = nowMs(options.now);
  const committee = agreement.buyingCommittee;
  if (!committee) return noRequirement(account.id);
  checkRoles(committee.roles, committee.requirements);

  const record = { ...account, tier: tierAccount(account, agreement, { now }).tierId };
  const requirement = committee.requirements.find(
    (r) => r.appliesTo === undefined || compileCriteria(r.appliesTo)(record, { now }),
  );
  if (!requirement) return noRequirement(account.id);

  const mine = contacts.filter((c) => c.accountId === account.id);
  const contactCount = new Set(mine.map((c) => c.id)).size;
  // The newest qualifying activity of each contact (ties: the smallest activity id, so order never matters).
  const latest = new Map<string, Latest | null>(mine.map((c) => [c.id, null]));
  const types = requirement.activityTypes;
  for (const a of activities) {
    if (!latest.has(a.leadId) || (types !== undefined && !types.includes(a.type))) continue;
    const at = eventMs(a);
    if (at > now) continue;
    const seen = latest.get(a.leadId);
    if (!seen || at > seen.at || (at === seen.at && a.id < seen.id))
      latest.set(a.leadId, { at, type: a.type, id: a.id });
  }
  const kinds = types === undefined ? 'activity' : types.join(', ').replace(/, ([^,]*)$/, ' or $1');
  const staleMs = requirement.staleAfterDays * DAY_MS;
  const days = (at: number) => ((now - at) / DAY_MS).toFixed(1);

  const roles: RoleCoverage[] = requirement.roles.map((roleId) => {
    const role = committee.roles.find((r) => r.id === roleId) as BuyingRole;
    const matches = compileCriteria(role.when);
    const holding = [...new Set(mine.filter((c) => matches(c, { now })).map((c) => c.id))];
    const at = (id: string) => latest.get(id)?.at ?? Number.NEGATIVE_INFINITY;
    holding.sort((x, y) => at(y) - at(x) || byId(x, y));
    const newestId = holding[0];
    const newest = newestId === undefined ? null : (latest.get(newestId) ?? null);
    let state: RoleState;
    let detail: string;
    if (newestId === undefined) {
      state = 'missing';
      detail =
        contactCount === 0
          ? `the account has no contacts to hold the role (${describeRule(role.when)})`
          : `none of the account's ${contactCount} contact${contactCount === 1 ? '' : 's'} meets the role's rule: ${describeRule(role.when)}`;
    } else if (newest === null) {
      state = 'unengaged';
      detail = `${ids(holding)} ${holding.length === 1 ? 'holds' : 'hold'} the role but had no ${kinds}`;
    } else {
      state = now - newest.at <= staleMs ? 'engaged' : 'stale';
      const window =
        state === 'engaged'
          ? `within ${requirement.staleAfterDays} days`
          : `more than ${requirement.staleAfterDays} days (stale)`;
      detail = `${newestId}: ${newest.type} ${days(newest.at)} days ago, ${window}; ${holders(holding.length)}`;
    }
    return {
      roleId,
      label: role.label,
      state,
      contactIds: holding,
      lastEngagedAt: newest === null ? null : newest.at,
      detail,
    };
  });

  const withState = (s: RoleState) => roles.filter((r) => r.state === s).map((r) => r.roleId);
  const engaged = roles.filter((r) => r.state === 'engaged').length;
  return {
    accountId: account.id,
    requirementId: requirement.id,
    requirementLabel: requirement.label,
    roles,
    coverage: roles.length === 0 ? null : engaged / roles.length,
    engaged,
    required: roles.length,
    missing: withState('missing'),
    stale: withState('stale'),
    unengaged: withState('unengaged'),
  };
}
