'use client';

import type { Account, Agreement, CommitteeCoverage, Instant, Lead, RoleCoverage, RoleState } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { type HTMLAttributes, useCallback, useMemo, useState } from 'react';
import { useAccord, useAccordData } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { type CommitteeCoverageView, committeeCoverageQueryOptions } from '../queries/committeeCoverageQueryOptions';

/**
 * What a coverage view shows: `loading`, `error`, `not-found` (no such account), `empty` (no
 * committee requirement applies to the account), `covered` (every required role engaged) or
 * `partial` (some are not).
 */
export type CommitteeCoverageState = 'loading' | 'error' | 'not-found' | 'empty' | 'covered' | 'partial';

/** Options for {@link useCommitteeCoverage}. */
export interface UseCommitteeCoverageOptions {
  /**
   * Accounts to look the id up in, when the adapter does not list accounts (or the host has fresher
   * ones). Keep the array stable.
   */
  accounts?: readonly Account[];
  /** The instant to evaluate at. Default: the provider clock's instant at mount. */
  now?: Instant | Date;
  /** Default: the provider's agreement. */
  agreement?: Agreement;
  /** Default: the provider's adapter. */
  adapter?: AccordAdapter;
  /** Default: the provider's, else the host's QueryClientProvider. */
  queryClient?: QueryClient;
  /** Set `false` to hold the query. Default `true`. */
  enabled?: boolean;
}

/** One required role, ready to show. */
export interface CommitteeRoleRow extends RoleCoverage {
  /** `Engaged`, `Stale`, `Not engaged` or `Missing`. */
  stateText: string;
  /** The contacts holding the role (most recently engaged first); ids the records do not hold are left out of `contacts` but kept in `contactIds`. */
  contacts: Lead[];
}

/** What {@link useCommitteeCoverage} returns. */
export interface UseCommitteeCoverageResult {
  state: CommitteeCoverageState;
  /** The loaded view (account, coverage, contacts), once loaded. */
  data: CommitteeCoverageView | undefined;
  account: Account | null;
  coverage: CommitteeCoverage | null;
  /** One row per required role, in the requirement's order (empty until loaded, and when none applies). */
  rows: CommitteeRoleRow[];
  /** E.g. `2 of 4 required roles engaged`; `null` when no requirement applies. */
  summary: string | null;
  /** The instant the coverage was evaluated at (epoch ms). */
  now: number;
  error: Error | null;
  isFetching: boolean;
  /** Refetches after an error (the Retry button). */
  retry: () => void;
  /** Props for the coverage meter: `role="meter"`, its value range and value text. */
  getMeterProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
}

const STATE_TEXT: Record<RoleState, string> = {
  engaged: 'Engaged',
  stale: 'Stale',
  unengaged: 'Not engaged',
  missing: 'Missing',
};

const NO_ROWS: CommitteeRoleRow[] = [];

const toEpoch = (now: Instant | Date): number => (now instanceof Date ? now.getTime() : new Date(now).getTime());

/**
 * @name useCommitteeCoverage
 * @category Hooks
 * @summary Headless buying-committee coverage of one account: which required roles are engaged, stale, unengaged or missing.
 *
 * @description
 * Runs {@link committeeCoverageQueryOptions} (the shared records — leads, activities and
 * the adapter's accounts when it has `listAccounts` — then `evaluateCommitteeCoverage` from
 * `@accord/core`) with the provider's adapter, agreement and QueryClient unless given. The account is
 * an id (looked up in `options.accounts`, then the adapter's accounts) or an account record. `now` is
 * the provider clock's instant at mount unless given, so the verdict does not change under the user's
 * eyes. Each required role comes back with its state written out and the contacts holding it as lead
 * records (for names); the meter props describe "n of d roles engaged".
 *
 * @param account - The account id, or the account record.
 * @param options - `accounts`, `now`, and `agreement`, `adapter`, `queryClient`, `enabled` overrides.
 * @returns {@link UseCommitteeCoverageResult}.
 *
 * @example
 * const { state, rows, summary } = useCommitteeCoverage('A000042');
 * return rows.map((r) => <p key={r.roleId} data-state={r.state}>{r.label}: {r.stateText}</p>);
 */
export function useCommitteeCoverage(
  account: string | Account,
  options: UseCommitteeCoverageOptions = {},
): UseCommitteeCoverageResult {
  const context = useAccord();
  const { adapter, queryClient } = useAccordData('useCommitteeCoverage', options);
  const agreement = options.agreement ?? context.agreement;
  const { accounts, enabled = true } = options;
  const accountId = typeof account === 'string' ? account : account.id;
  const record = useMemo(
    () => (typeof account === 'string' ? accounts?.find((a) => a.id === account) : account),
    [account, accounts],
  );
  const [mountedAt] = useState(() => context.now());
  const now = options.now === undefined ? mountedAt : toEpoch(options.now);

  const query = useQuery(
    {
      ...committeeCoverageQueryOptions(adapter, {
        agreement,
        accountId,
        now,
        ...(record === undefined ? {} : { account: record }),
      }),
      enabled,
    },
    queryClient,
  );
  const { data, error, isFetching, refetch } = query;
  const coverage = data?.coverage ?? null;

  const rows = useMemo(() => {
    if (!data?.coverage) return NO_ROWS;
    return data.coverage.roles.map(
      (role): CommitteeRoleRow => ({
        ...role,
        stateText: STATE_TEXT[role.state],
        contacts: role.contactIds.flatMap((id) => {
          const lead = data.contacts.get(id);
          return lead ? [lead] : [];
        }),
      }),
    );
  }, [data]);

  const state: CommitteeCoverageState =
    query.status === 'error'
      ? 'error'
      : data === undefined
        ? 'loading'
        : data.account === null
          ? 'not-found'
          : coverage === null || coverage.requirementId === null || coverage.required === 0
            ? 'empty'
            : coverage.engaged === coverage.required
              ? 'covered'
              : 'partial';

  const summary =
    coverage === null || coverage.requirementId === null
      ? null
      : `${coverage.engaged} of ${coverage.required} required ${coverage.required === 1 ? 'role' : 'roles'} engaged`;

  const retry = useCallback(() => {
    void refetch();
  }, [refetch]);

  return {
    state,
    data,
    account: data?.account ?? null,
    coverage,
    rows,
    summary,
    now: data?.now ?? now,
    error,
    isFetching,
    retry,
    getMeterProps: (props) => ({
      role: 'meter',
      'aria-valuemin': 0,
      'aria-valuemax': coverage?.required ?? 0,
      'aria-valuenow': coverage?.engaged ?? 0,
      ...(summary === null ? {} : { 'aria-valuetext': summary }),
      ...props,
    }),
  };
}
