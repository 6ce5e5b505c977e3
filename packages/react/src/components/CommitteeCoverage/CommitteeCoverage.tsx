'use client';

import type { Account, Lead, RoleState } from '@accord/core';
import {
  type CSSProperties,
  forwardRef,
  type HTMLAttributes,
  type ReactElement,
  type ReactNode,
  useId,
  useMemo,
} from 'react';
import { ChartStatus } from '../../_lib/chart/ChartStatus';
import { cx } from '../../_lib/cx';
import { type Formatters, useFormatters } from '../../_lib/format';
import {
  type CommitteeRoleRow,
  type UseCommitteeCoverageOptions,
  type UseCommitteeCoverageResult,
  useCommitteeCoverage,
} from '../../hooks/useCommitteeCoverage';
import { useAccord } from '../../provider/AccordProvider';

/** A named group of related content (not a set of form controls, so not a <fieldset>). */
const GROUP = { role: 'group' } as const;

/** Props of {@link CommitteeCoverage}. Other props go to the root `<div>`. */
export interface CommitteeCoverageProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>,
    UseCommitteeCoverageOptions {
  /** The account: its id, or the account record. */
  account: string | Account;
  /** The visible title, which names the group. Default `"Buying committee"`. */
  heading?: ReactNode;
  /** How a contact is shown (a name, a link to the CRM). Default: the lead id. Rendered inside `<bdi>`. */
  renderContact?: (contact: Lead, role: CommitteeRoleRow) => ReactNode;
  /** Rendered last; a function receives the hook's result. */
  children?: ReactNode | ((coverage: UseCommitteeCoverageResult) => ReactNode);
}

const DAY = 86_400_000;

/** Decorative 16×16 state shapes (the state is also written out): a tick, a clock, an empty ring, a cross. */
const SHAPES: Record<RoleState, ReactElement> = {
  engaged: <path d="M3.5 8.5l3 3 6-7" />,
  stale: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  unengaged: <circle cx="8" cy="8" r="5.5" strokeDasharray="2.5 2" />,
  missing: <path d="M4.5 4.5l7 7m0-7l-7 7" />,
};

function RoleIcon({ state }: { state: RoleState }): ReactElement {
  return (
    <svg
      className="accord-CommitteeCoverage-icon"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {SHAPES[state]}
    </svg>
  );
}

/** "3 days ago", "yesterday", "in 2 hours" (Intl.RelativeTimeFormat in the formatters' locale). */
function useRelative(f: Formatters): (at: number, now: number) => string {
  return useMemo(() => {
    const rtf = new Intl.RelativeTimeFormat(f.locale, { numeric: 'auto' });
    return (at, now) => {
      const diff = at - now;
      const days = Math.round(diff / DAY);
      if (Math.abs(diff) < DAY) return rtf.format(Math.round(diff / 3_600_000), 'hour');
      if (Math.abs(days) < 60) return rtf.format(days, 'day');
      return rtf.format(Math.round(days / 30.44), 'month');
    };
  }, [f]);
}

interface RoleProps {
  row: CommitteeRoleRow;
  now: number;
  relative: (at: number, now: number) => string;
  f: Formatters;
  renderContact: CommitteeCoverageProps['renderContact'];
}

function Role({ row, now, relative, f, renderContact }: RoleProps): ReactElement {
  const contactsId = useId();
  return (
    <li className="accord-CommitteeCoverage-role" data-state={row.state} data-role={row.roleId}>
      <RoleIcon state={row.state} />
      <div className="accord-CommitteeCoverage-roleBody">
        <div className="accord-CommitteeCoverage-roleHead">
          <bdi className="accord-CommitteeCoverage-roleLabel" id={contactsId}>
            {row.label}
          </bdi>
          <span className="accord-VisuallyHidden">: </span>
          <span className="accord-CommitteeCoverage-roleState">{row.stateText}</span>
        </div>
        <div className="accord-CommitteeCoverage-last">
          {row.lastEngagedAt === null ? (
            row.state === 'missing' ? (
              'No contact holds this role.'
            ) : (
              'Never engaged.'
            )
          ) : (
            <>
              Last engaged{' '}
              <time dateTime={new Date(row.lastEngagedAt).toISOString()}>
                {relative(row.lastEngagedAt, now)} ({f.date(row.lastEngagedAt)})
              </time>
            </>
          )}
        </div>
        {row.contactIds.length === 0 ? null : (
          <ul className="accord-CommitteeCoverage-contacts" aria-labelledby={contactsId}>
            {row.contactIds.map((id) => {
              const lead = row.contacts.find((c) => c.id === id);
              return (
                <li key={id} className="accord-CommitteeCoverage-contact">
                  <bdi>{lead && renderContact ? renderContact(lead, row) : id}</bdi>
                </li>
              );
            })}
          </ul>
        )}
        {row.detail === '' ? null : (
          <div className="accord-CommitteeCoverage-detail">
            <bdi>{row.detail}</bdi>
          </div>
        )}
      </div>
    </li>
  );
}

/**
 * @name CommitteeCoverage
 * @category Widgets
 * @summary An account's buying committee: coverage as "n of d roles engaged" with a meter, and each required role's state.
 *
 * @description
 * A thin rendering of {@link useCommitteeCoverage}, for the account panel of a CRM. A `role="group"`
 * titled "Buying committee" names the account and the requirement that applies (and after how many
 * days engagement goes stale), then the coverage as text ("2 of 4 required roles engaged", the
 * percentage) and a `role="meter"`; then one row per required role: its state written out (Engaged,
 * Stale, Not engaged, Missing) beside an icon whose shape differs per state (tick, clock, dashed ring,
 * cross), so colour is never the only cue; the last engagement as a relative date with the absolute
 * date (in the agreement's time zone); the contacts holding the role (lead ids, or `renderContact` for
 * names and links); and the core's explanation. An account no requirement applies to shows an empty
 * state; an unknown account says so.
 *
 * `data-state` on the root is `loading|error|not-found|empty|covered|partial`, on each role
 * `engaged|stale|unengaged|missing`. Names are text in `<bdi>`. Class names: `accord-CommitteeCoverage`,
 * `-title`, `-account`, `-requirement`, `-summary`, `-fraction`, `-meter`, `-meterFill`, `-roles`,
 * `-role`, `-icon`, `-roleBody`, `-roleHead`, `-roleLabel`, `-roleState`, `-last`, `-contacts`,
 * `-contact`, `-detail`, and the shared `accord-Chart-status` for loading, error and empty.
 *
 * @example
 * <CommitteeCoverage account="A000042" renderContact={(lead) => `${lead.firstName} ${lead.lastName}`} />
 */
export const CommitteeCoverage = forwardRef<HTMLDivElement, CommitteeCoverageProps>(function CommitteeCoverage(
  {
    account,
    accounts,
    now,
    agreement,
    adapter,
    queryClient,
    enabled,
    heading = 'Buying committee',
    renderContact,
    children,
    className,
    style,
    ...rest
  },
  ref,
) {
  const cov = useCommitteeCoverage(account, { accounts, now, agreement, adapter, queryClient, enabled });
  const f = useFormatters();
  const relative = useRelative(f);
  const context = useAccord();
  const titleId = useId();
  const naming = rest['aria-label'] || rest['aria-labelledby'] ? {} : { 'aria-labelledby': titleId };
  const { state, coverage } = cov;
  const accountId = typeof account === 'string' ? account : account.id;
  const requirement = (agreement ?? context.agreement).buyingCommittee?.requirements.find(
    (r) => r.id === coverage?.requirementId,
  );
  const ratio = coverage?.coverage ?? 0;

  return (
    <div
      ref={ref}
      {...GROUP}
      {...naming}
      {...rest}
      className={cx('accord-CommitteeCoverage', className)}
      style={{ ...style, '--accord-committee-coverage': `${Math.round(ratio * 1000) / 10}%` } as CSSProperties}
      data-state={state}
      aria-busy={state === 'loading' || undefined}
    >
      <div className="accord-CommitteeCoverage-title" id={titleId}>
        {heading}
      </div>
      {state === 'loading' || state === 'error' ? (
        <ChartStatus state={state} what="buying committee" emptyMessage={null} onRetry={cov.retry} />
      ) : state === 'not-found' ? (
        <ChartStatus
          state="empty"
          what="buying committee"
          emptyMessage={
            <>
              No account with id <bdi>{accountId}</bdi>.
            </>
          }
        />
      ) : (
        <>
          <div className="accord-CommitteeCoverage-account">
            <bdi className="accord-CommitteeCoverage-accountName">{cov.account?.name ?? accountId}</bdi>
            {coverage?.requirementLabel ? (
              <span className="accord-CommitteeCoverage-requirement">
                {' · '}
                <bdi>{coverage.requirementLabel}</bdi>
                {requirement ? `, engaged within ${f.number(requirement.staleAfterDays)} days` : null}
              </span>
            ) : null}
          </div>
          {state === 'empty' ? (
            <ChartStatus
              state="empty"
              what="buying committee"
              emptyMessage="No buying-committee requirement applies to this account."
            />
          ) : (
            <>
              <div className="accord-CommitteeCoverage-summary">
                <span className="accord-CommitteeCoverage-fraction">{cov.summary}</span>{' '}
                <span className="accord-CommitteeCoverage-percent">({f.percent(ratio, 0)})</span>
              </div>
              <div
                {...cov.getMeterProps({
                  className: 'accord-CommitteeCoverage-meter',
                  'aria-label': 'Committee coverage',
                })}
              >
                <span className="accord-CommitteeCoverage-meterFill" />
              </div>
              <ul className="accord-CommitteeCoverage-roles" aria-label="Required roles">
                {cov.rows.map((row) => (
                  <Role
                    key={row.roleId}
                    row={row}
                    now={cov.now}
                    relative={relative}
                    f={f}
                    renderContact={renderContact}
                  />
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {children === undefined || children === null ? null : typeof children === 'function' ? children(cov) : children}
    </div>
  );
});
