'use client';

import type { Agreement, DeltaClass, Instant, MarketingClaim, ReconciledClaim, Reconciliation } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { defaultRangeExtractor, observeElementRect, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type FocusEvent,
  forwardRef,
  type HTMLAttributes,
  memo,
  type ReactElement,
  type ReactNode,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ChartPatterns, seriesPatternId, toSvgId } from '../../_lib/chart/ChartPatterns';
import { ChartStatus } from '../../_lib/chart/ChartStatus';
import { ChartTable } from '../../_lib/chart/ChartTable';
import { niceTicks } from '../../_lib/chart/niceTicks';
import { cx } from '../../_lib/cx';
import { type Formatters, useFormatters } from '../../_lib/format';
import { Icon } from '../../_lib/icons';
import {
  type ReconciliationKind,
  type ReconciliationStep,
  type UseReconciliationResult,
  useReconciliation,
} from '../../hooks/useReconciliation';
import type { AccordAdapter } from '../../provider/adapter.types';

/** Props of {@link ReconciliationView}. Other props go to the root `<div>`. */
export interface ReconciliationViewProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Marketing's claims (the host loads them: they are not CRM records). Keep the array stable. */
  claims?: readonly MarketingClaim[];
  /** Only deals created in [from, to). */
  from?: Instant;
  to?: Instant;
  /** Minor units of the agreement currency per minor unit of another (`{ EUR: 1.08 }`). */
  rates?: Readonly<Record<string, number>>;
  /** A reconciliation computed elsewhere (a server, `accord reconcile --json`): nothing is loaded. */
  data?: Reconciliation;
  /** The claim kind shown first (uncontrolled). Default `'all'`. */
  defaultKind?: ReconciliationKind;
  /** Controls the claim kind; pair it with `onKindChange`. */
  kind?: ReconciliationKind;
  onKindChange?: (kind: ReconciliationKind) => void;
  /** The delta class drilled into first (uncontrolled). */
  defaultSelectedClass?: DeltaClass | null;
  /** Controls the delta class drilled into; pair it with `onSelectedClassChange`. */
  selectedClass?: DeltaClass | null;
  onSelectedClassChange?: (deltaClass: DeltaClass | null) => void;
  /**
   * Renders an opportunity id (in the claims and unclaimed lists), e.g. as a link into the host's CRM.
   * Default: the id as text. Whatever it returns is React content (never HTML).
   */
  renderOpportunity?: (opportunityId: string) => ReactNode;
  /** The visible title, which also names the widget. Default `Reconciliation`. */
  label?: string;
  /** Shown when there are no claims. Default "No marketing claims to reconcile." */
  emptyMessage?: ReactNode;
  agreement?: Agreement;
  adapter?: AccordAdapter;
  queryClient?: QueryClient;
  /** Rendered last inside the widget; a function receives the hook's result. */
  children?: ReactNode | ((reconciliation: UseReconciliationResult) => ReactNode);
}

const KIND_LABELS: Readonly<Record<ReconciliationKind, string>> = {
  all: 'All claims',
  sourced: 'Sourced',
  influenced: 'Influenced',
};

const KIND_NAMES: Readonly<Record<ReconciledClaim['kind'], string>> = { sourced: 'Sourced', influenced: 'Influenced' };

/** Tables with at most this many claims render every row; longer ones render only the rows in view. */
const WINDOW_THRESHOLD = 30;
/** A claim's height in px until it is measured (one line and the expand button's borders). */
const ROW_ESTIMATE = 37;
const OVERSCAN = 8;
/** The scroller's size until it is measured (and in jsdom, which has no layout): 24rem high. */
const FALLBACK_RECT = { width: 960, height: 384 };
/** Unclaimed deals listed before "Show all". */
const UNCLAIMED_PREVIEW = 10;
/** Refused claims named before "…". */
const REFUSED_PREVIEW = 5;
/** About how many intervals the bridge's axis has. */
const TICKS = 5;
/** The narrowest a non-zero change is drawn, in percent of the plot, so a small class stays visible. */
const MIN_BAR = 0.3;
/** Share of a bridge row's height its bar fills. */
const BAR = 0.6;
const COLUMNS = 7;

type Style = CSSProperties & Record<`--accord-${string}`, string | number>;

const defaultRenderOpportunity = (opportunityId: string): ReactNode => <bdi>{opportunityId}</bdi>;

/** A change along the bridge with its sign: `+$1,200`, `−$800`, `$0`. */
function signed(f: Formatters, value: number, currency: string): string {
  return value > 0 ? `+${f.money(value, currency)}` : f.money(value, currency);
}

function plural(n: number, one: string, many: string, f: Formatters): string {
  return `${f.number(n)} ${n === 1 ? one : many}`;
}

/** The scale of the bridge: round ticks from the lowest running total (0 or below) to the highest. */
function bridgeScale(min: number, max: number): { ticks: number[]; lo: number; hi: number } {
  if (min >= 0) {
    const ticks = niceTicks(max, TICKS);
    return { ticks, lo: 0, hi: ticks[ticks.length - 1] ?? 1 };
  }
  const span = niceTicks(max - min, TICKS);
  const step = (span[1] ?? 1) - (span[0] ?? 0);
  const lo = Math.floor(min / step) * step;
  const hi = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { ticks, lo, hi };
}

function position(value: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  return Math.min(100, Math.max(0, ((value - lo) / (hi - lo)) * 100));
}

interface BridgeProps {
  r: UseReconciliationResult;
  f: Formatters;
  caption: string;
}

/** The waterfall: an `<svg role="img">`, a row per step over it (delta classes are toggle buttons), the axis and the table alternative. */
function Bridge({ r, f, caption }: BridgeProps): ReactElement {
  const { steps, domain, currency, totals } = r;
  const prefix = toSvgId(useId());
  const { ticks, lo, hi } = useMemo(() => bridgeScale(domain.min, domain.max), [domain.min, domain.max]);
  const n = steps.length;
  const pos = (v: number) => position(v, lo, hi);
  const name = totals
    ? `${r.summary}. Claimed ${f.money(totals.claimed, currency)}, matched ${f.money(totals.matched, currency)}.`
    : (r.summary ?? 'Reconciliation');

  return (
    <>
      <div className="accord-Chart-plot accord-ReconciliationView-plot" style={{ '--accord-chart-rows': n } as Style}>
        <svg className="accord-Chart-svg" role="img" aria-label={name} focusable="false">
          <ChartPatterns prefix={prefix} count={8} />
          <g className="accord-Chart-grid">
            {ticks.map((t) => (
              <line key={t} x1={`${pos(t)}%`} x2={`${pos(t)}%`} y1="0" y2="100%" vectorEffect="non-scaling-stroke" />
            ))}
          </g>
          {steps.map((step, i) => {
            const a = pos(Math.min(step.from, step.to));
            let b = pos(Math.max(step.from, step.to));
            if (step.from !== step.to && b - a < MIN_BAR) b = Math.min(100, a + MIN_BAR);
            return (
              <rect
                key={step.id}
                className="accord-ReconciliationView-bar"
                data-type={step.type}
                data-direction={step.type === 'total' ? undefined : step.value < 0 ? 'down' : 'up'}
                data-selected={step.id === r.selectedClass ? '' : undefined}
                x={`${a}%`}
                width={`${b - a}%`}
                y={`${((i + (1 - BAR) / 2) / n) * 100}%`}
                height={`${(BAR / n) * 100}%`}
                fill={`url(#${seriesPatternId(prefix, step.type === 'total' ? 0 : i)})`}
              />
            );
          })}
          {steps.slice(0, -1).map((step, i) => (
            // The running total carried from one bar to the next.
            <line
              key={`to-${step.id}`}
              className="accord-ReconciliationView-connector"
              x1={`${pos(step.to)}%`}
              x2={`${pos(step.to)}%`}
              y1={`${((i + (1 + BAR) / 2) / n) * 100}%`}
              y2={`${((i + 1 + (1 - BAR) / 2) / n) * 100}%`}
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </svg>
        <ol className="accord-Chart-rows" aria-label="Bridge from claimed to matched">
          {steps.map((step) => (
            <BridgeRow key={step.id} step={step} r={r} f={f} />
          ))}
        </ol>
      </div>
      <div className="accord-Chart-axis accord-ReconciliationView-axis" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} className="accord-Chart-tick" style={{ '--accord-chart-x': `${pos(t)}%` } as Style}>
            {f.moneyCompact(t, currency)}
          </span>
        ))}
      </div>
      <ChartTable
        caption={caption}
        columns={['Step', 'Amount', 'Running total', 'Claims']}
        rows={steps.map((step) => ({
          key: step.id,
          header: step.label,
          cells: [
            step.type === 'total' ? f.money(step.value, currency) : signed(f, step.value, currency),
            f.money(step.to, currency),
            f.number(step.claims),
          ],
        }))}
      />
    </>
  );
}

function BridgeRow({ step, r, f }: { step: ReconciliationStep; r: UseReconciliationResult; f: Formatters }) {
  const { currency } = r;
  if (step.type === 'total') {
    return (
      <li className="accord-Chart-row accord-ReconciliationView-step" data-type="total">
        <span className="accord-Chart-label">{step.label}</span>
        <span className="accord-Chart-figures">
          <span className="accord-ReconciliationView-amount">{f.money(step.value, currency)}</span>
          <span className="accord-Chart-muted">{plural(step.claims, 'claim', 'claims', f)}</span>
        </span>
      </li>
    );
  }
  const deltaClass = step.id as DeltaClass;
  // The visible text is the accessible name ("Currency −$1,200 3 claims": an aria-label would have to
  // repeat it word for word); aria-pressed says whether the class is shown.
  return (
    <li className="accord-Chart-row accord-ReconciliationView-step" data-type="delta" data-class={deltaClass}>
      <button {...r.getClassButtonProps(deltaClass, { className: 'accord-ReconciliationView-class' })}>
        <span className="accord-Chart-label">
          <Icon name="chevron" className="accord-ReconciliationView-chevron" />
          <span>{step.label}</span>
        </span>{' '}
        <span className="accord-Chart-figures">
          <span className="accord-ReconciliationView-amount">{signed(f, step.value, currency)}</span>{' '}
          <span className="accord-Chart-muted">{plural(step.claims, 'claim', 'claims', f)}</span>
        </span>
      </button>
    </li>
  );
}

interface ClaimRowProps {
  claim: ReconciledClaim;
  index: number;
  /** `aria-rowindex` of the claim's row (the header is 1; expanded details take a row each). */
  rowIndex: number;
  deltaClass: DeltaClass;
  classes: readonly DeltaClass[];
  labelOf: (deltaClass: DeltaClass) => string;
  expanded: boolean;
  detailId: string;
  onToggle: (claimId: string) => void;
  currency: string;
  f: Formatters;
  renderOpportunity: (opportunityId: string) => ReactNode;
  measure: ((node: HTMLTableSectionElement | null) => void) | undefined;
}

/** One claim: its row and, when expanded, a row with every delta. Memoised: toggling one re-renders one. */
const ClaimRow = memo(function ClaimRow({
  claim,
  index,
  rowIndex,
  deltaClass,
  classes,
  labelOf,
  expanded,
  detailId,
  onToggle,
  currency,
  f,
  renderOpportunity,
  measure,
}: ClaimRowProps): ReactElement {
  const change = -(claim.deltas[deltaClass] ?? 0);
  return (
    <tbody ref={measure} className="accord-ReconciliationView-claim" data-index={index}>
      <tr className="accord-ReconciliationView-row" aria-rowindex={rowIndex} data-expanded={expanded ? '' : undefined}>
        <th scope="row" className="accord-ReconciliationView-claimCell">
          <button
            type="button"
            className="accord-ReconciliationView-expand"
            aria-expanded={expanded}
            aria-controls={expanded ? detailId : undefined}
            data-claim-index={index}
            onClick={() => onToggle(claim.claimId)}
          >
            <Icon name="chevron" className="accord-ReconciliationView-chevron" />
            <bdi>{claim.claimId}</bdi>
            <span className="accord-VisuallyHidden">, all deltas</span>
          </button>
        </th>
        <td className="accord-ReconciliationView-opportunity">{renderOpportunity(claim.opportunityId)}</td>
        <td>{KIND_NAMES[claim.kind] ?? claim.kind}</td>
        <td className="accord-ReconciliationView-money">{f.money(claim.claimed, currency)}</td>
        <td className="accord-ReconciliationView-money">{f.money(claim.matched, currency)}</td>
        <td className="accord-ReconciliationView-money" data-direction={change < 0 ? 'down' : 'up'}>
          {signed(f, change, currency)}
        </td>
        <td className="accord-ReconciliationView-reasons">
          {claim.reasons.length === 0 ? (
            '—'
          ) : (
            <ul>
              {claim.reasons.map((reason, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a claim's reasons are fixed and may repeat.
                <li key={i}>
                  <bdi>{reason}</bdi>
                </li>
              ))}
            </ul>
          )}
        </td>
      </tr>
      {expanded ? (
        <tr id={detailId} className="accord-ReconciliationView-detail" aria-rowindex={rowIndex + 1}>
          <td colSpan={COLUMNS}>
            <p className="accord-ReconciliationView-detailTitle">
              Every delta of claim <bdi>{claim.claimId}</bdi>
            </p>
            <dl className="accord-ReconciliationView-deltas">
              <div>
                <dt>Claimed</dt>
                <dd>{f.money(claim.claimed, currency)}</dd>
              </div>
              {classes
                .filter((c) => (claim.deltas[c] ?? 0) !== 0)
                .map((c) => (
                  <div key={c} data-selected={c === deltaClass ? '' : undefined}>
                    <dt>{labelOf(c)}</dt>
                    <dd>{signed(f, -(claim.deltas[c] ?? 0), currency)}</dd>
                  </div>
                ))}
              <div>
                <dt>Matched</dt>
                <dd>{f.money(claim.matched, currency)}</dd>
              </div>
            </dl>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
});

/** Stands in for claims that are not rendered, so the scroller keeps its full height. */
function Spacer({ size }: { size: number }): ReactElement {
  return (
    <tbody className="accord-ReconciliationView-spacer" aria-hidden="true">
      <tr>
        <td colSpan={COLUMNS} style={{ '--accord-reconciliation-spacer-size': `${size}px` } as Style} />
      </tr>
    </tbody>
  );
}

function measureClaim(element: Element): number {
  const height = Math.round(element.getBoundingClientRect().height);
  return height > 0 ? height : ROW_ESTIMATE;
}

interface DrillDownProps {
  r: UseReconciliationResult;
  deltaClass: DeltaClass;
  f: Formatters;
  renderOpportunity: (opportunityId: string) => ReactNode;
}

/**
 * The claims in the selected class: a real `<table>` in a focusable scroller; beyond
 * {@link WINDOW_THRESHOLD} claims only those in view (plus overscan and the one holding focus) are
 * rendered, each claim a `<tbody>` (its row and its expanded details), between spacer bodies, while
 * `aria-rowcount` / `aria-rowindex` give the full size.
 */
function DrillDown({ r, deltaClass, f, renderOpportunity }: DrillDownProps): ReactElement {
  const captionId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { selectedClaims: claims, isExpanded, toggleExpanded, detailIdOf, labelOf, classes, currency } = r;
  const windowed = claims.length > WINDOW_THRESHOLD;
  const label = labelOf(deltaClass);
  let total = 0;
  for (const c of claims) total -= c.deltas[deltaClass] ?? 0;

  // Row indexes once per list and expansion: the header is row 1, and each expanded claim adds one.
  const rowIndexes = useMemo(() => {
    const out = new Array<number>(claims.length);
    let row = 2;
    claims.forEach((c, i) => {
      out[i] = row;
      row += isExpanded(c.claimId) ? 2 : 1;
    });
    return { out, count: row - 1 };
  }, [claims, isExpanded]);

  const [focused, setFocused] = useState(-1);
  const onFocus = useCallback((event: FocusEvent<HTMLTableElement>) => {
    setFocused(Number((event.target as HTMLElement).dataset['claimIndex'] ?? -1));
  }, []);
  const onBlur = useCallback((event: FocusEvent<HTMLTableElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(-1);
  }, []);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focused >= 0 && focused < range.count && !indexes.includes(focused)) {
        indexes.push(focused);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [focused],
  );
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableSectionElement>({
    count: claims.length,
    enabled: windowed,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    initialRect: FALLBACK_RECT,
    rangeExtractor,
    getItemKey: (index) => claims[index]?.claimId ?? index,
    measureElement: measureClaim,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, ...FALLBACK_RECT })),
  });

  const row = (claim: ReconciledClaim, i: number, measure: ClaimRowProps['measure']) => (
    <ClaimRow
      key={claim.claimId}
      claim={claim}
      index={i}
      rowIndex={rowIndexes.out[i] ?? i + 2}
      deltaClass={deltaClass}
      classes={classes}
      labelOf={labelOf}
      expanded={isExpanded(claim.claimId)}
      detailId={detailIdOf(claim.claimId)}
      onToggle={toggleExpanded}
      currency={currency}
      f={f}
      renderOpportunity={renderOpportunity}
      measure={measure}
    />
  );

  let body: ReactNode[];
  if (!windowed) {
    body = claims.map((claim, i) => row(claim, i, undefined));
  } else {
    body = [];
    let end = 0;
    for (const item of virtualizer.getVirtualItems()) {
      const claim = claims[item.index] as ReconciledClaim;
      if (item.start > end) body.push(<Spacer key={`gap-${end}`} size={item.start - end} />);
      body.push(row(claim, item.index, virtualizer.measureElement));
      end = item.end;
    }
    const size = virtualizer.getTotalSize();
    if (size > end) body.push(<Spacer key="gap-end" size={size - end} />);
  }

  return (
    // The buttons' aria-controls target; the scroller inside is the named region (one landmark, not two).
    <div id={r.drillId} className="accord-ReconciliationView-drill">
      {claims.length === 0 ? (
        <>
          <p id={captionId} className="accord-ReconciliationView-drillTitle">
            {label}
          </p>
          <p className="accord-ReconciliationView-message">No claims in this class.</p>
        </>
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a named <div role="region"> keeps host section styles off the scroller.
        <div
          ref={scrollRef}
          className="accord-ReconciliationView-tableScroll"
          role="region"
          aria-labelledby={captionId}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
          tabIndex={0}
          data-windowed={windowed ? '' : undefined}
        >
          <table
            className="accord-ReconciliationView-table"
            aria-rowcount={rowIndexes.count}
            onFocus={onFocus}
            onBlur={onBlur}
          >
            <caption id={captionId} className="accord-ReconciliationView-drillTitle">
              {label}: <bdi>{plural(claims.length, 'claim', 'claims', f)}</bdi>, <bdi>{signed(f, total, currency)}</bdi>
            </caption>
            <colgroup>
              <col className="accord-ReconciliationView-claimColumn" />
              <col className="accord-ReconciliationView-opportunityColumn" />
              <col className="accord-ReconciliationView-kindColumn" />
              <col className="accord-ReconciliationView-moneyColumn" span={3} />
              <col className="accord-ReconciliationView-reasonsColumn" />
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                <th scope="col">Claim</th>
                <th scope="col">Opportunity</th>
                <th scope="col">Kind</th>
                <th scope="col">Claimed</th>
                <th scope="col">Matched</th>
                <th scope="col">{label}</th>
                <th scope="col">Reasons</th>
              </tr>
            </thead>
            {body}
          </table>
        </div>
      )}
    </div>
  );
}

function Unclaimed({
  r,
  f,
  renderOpportunity,
}: {
  r: UseReconciliationResult;
  f: Formatters;
  renderOpportunity: (opportunityId: string) => ReactNode;
}): ReactElement {
  const titleId = useId();
  const [all, setAll] = useState(false);
  const { unclaimed, unclaimedTotal, currency } = r;
  const shown = all ? unclaimed : unclaimed.slice(0, UNCLAIMED_PREVIEW);
  return (
    <section className="accord-ReconciliationView-unclaimed" aria-labelledby={titleId}>
      <p id={titleId} className="accord-ReconciliationView-sectionTitle">
        Unclaimed marketing-sourced deals: <bdi>{plural(unclaimed.length, 'deal', 'deals', f)}</bdi>,{' '}
        <bdi>{f.money(unclaimedTotal, currency)}</bdi>
      </p>
      {unclaimed.length === 0 ? (
        <p className="accord-ReconciliationView-message">Every marketing-sourced deal is claimed.</p>
      ) : (
        <>
          <ul className="accord-ReconciliationView-list" aria-labelledby={titleId}>
            {shown.map((u) => (
              <li key={u.opportunityId}>
                <span className="accord-ReconciliationView-opportunity">{renderOpportunity(u.opportunityId)}</span>
                <span className="accord-ReconciliationView-money">{f.money(u.amount, currency)}</span>
              </li>
            ))}
          </ul>
          {unclaimed.length > UNCLAIMED_PREVIEW ? (
            <button type="button" className="accord-ReconciliationView-button" onClick={() => setAll(!all)}>
              {all ? `Show the first ${f.number(UNCLAIMED_PREVIEW)}` : `Show all ${f.number(unclaimed.length)}`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function Issues({ r, f }: { r: UseReconciliationResult; f: Formatters }): ReactElement | null {
  const titleId = useId();
  const { issueGroups, data } = r;
  const refused = data?.refused ?? [];
  if (issueGroups.length === 0 && refused.length === 0) return null;
  const count = data?.issues.length ?? 0;
  return (
    <section className="accord-ReconciliationView-issues" aria-labelledby={titleId}>
      <p id={titleId} className="accord-ReconciliationView-sectionTitle">
        Data issues: {plural(count, 'issue', 'issues', f)}
      </p>
      <ul className="accord-ReconciliationView-list" hidden={issueGroups.length === 0}>
        {issueGroups.map((g) => (
          <li key={g.code} data-code={g.code}>
            <span>
              <code className="accord-ReconciliationView-code">{g.code}</code>{' '}
              <span className="accord-ReconciliationView-count">× {f.number(g.count)}</span>
            </span>
            <span className="accord-ReconciliationView-issueText">
              <bdi>{g.message}</bdi>{' '}
              <span className="accord-Chart-muted">
                (at{' '}
                {g.paths.map((p, i) => (
                  <span key={p}>
                    {i > 0 ? ', ' : ''}
                    <bdi>{p}</bdi>
                  </span>
                ))}
                {g.count > g.paths.length ? ', …' : ''})
              </span>
            </span>
          </li>
        ))}
      </ul>
      {refused.length === 0 ? null : (
        <p className="accord-ReconciliationView-refused">
          {plural(refused.length, 'claim', 'claims', f)} refused at the boundary and counted in no total:{' '}
          {refused.slice(0, REFUSED_PREVIEW).map((c, i) => (
            <span key={c.index}>
              {i > 0 ? ', ' : ''}
              <bdi>{c.claimId ?? `marketingClaims[${c.index}]`}</bdi>
              {c.fields.length > 0 ? ` (${c.fields.join(', ')})` : ''}
            </span>
          ))}
          {refused.length > REFUSED_PREVIEW ? ', …' : ''}.
        </p>
      )}
    </section>
  );
}

/**
 * @name ReconciliationView
 * @category Widgets
 * @summary Marketing's claimed pipeline bridged to the CRM-matched figure, delta class by delta class, with drill-down to each claim.
 *
 * @description
 * A thin rendering of {@link useReconciliation}, for RevOps and both teams' leads. A toggle (three
 * `aria-pressed` buttons) picks the claims totalled: all, sourced or influenced. The bridge is a
 * waterfall: an `<svg role="img">` draws Marketing's claimed total, then each delta class (unmatched
 * opportunity, duplicate lead, currency, different account, stage drift, outside window, different
 * model) as a floating bar from one running total to the next, then the CRM-matched total; each class
 * has its own colour *and* pattern, connectors carry the running total, and every figure is written
 * beside its bar (signed, in the reconciliation's currency), so colour never carries meaning alone. A
 * visually hidden `<table>` repeats the bridge for screen readers.
 *
 * Each class is a toggle button (Tab, then Enter or Space; or a click): it opens the drill-down, a
 * table of that class's claims, largest first — claim id, opportunity (`renderOpportunity` for host
 * links), kind, claimed, matched, the class's change and the reasons. Each claim's button expands a row
 * with all of its deltas. Beyond 30 claims the table renders only the rows in view
 * (`@tanstack/react-virtual`), keeping the focused row, with `aria-rowcount`/`aria-rowindex` giving
 * the full size. Below: the marketing-sourced deals no claim mentions (the first 10, then "Show all"),
 * the coded issues counted by code with their first paths, and the claims refused at the boundary
 * (counted in no total).
 *
 * States (`data-state`): `loading`, `error` (with Retry), `empty` (no claims), `data`; the kind is in
 * `data-kind`. Every claim id, opportunity id, reason and message is React text inside `<bdi>`.
 * Class names: `accord-ReconciliationView`, `-header`, `-title`, `-figures`, `-toolbar`, `-toggle`,
 * `-plot`, `-bar`, `-connector`, `-step`, `-class`, `-axis`, `-drill`, `-tableScroll`, `-table`,
 * `-claim`, `-row`, `-expand`, `-detail`, `-deltas`, `-spacer`, `-unclaimed`, `-issues`, `-refused`, `-list`,
 * and the shared `accord-Chart-*` parts.
 *
 * @example
 * <ReconciliationView
 *   claims={claimsFromTheMarketingDashboard}
 *   rates={{ EUR: 1.08 }}
 *   renderOpportunity={(id) => <a href={`/crm/opportunities/${encodeURIComponent(id)}`}>{id}</a>}
 * />
 */
export const ReconciliationView = forwardRef<HTMLDivElement, ReconciliationViewProps>(function ReconciliationView(
  {
    claims,
    from,
    to,
    rates,
    data,
    defaultKind,
    kind,
    onKindChange,
    defaultSelectedClass,
    selectedClass,
    onSelectedClassChange,
    renderOpportunity = defaultRenderOpportunity,
    label = 'Reconciliation',
    emptyMessage = 'No marketing claims to reconcile.',
    agreement,
    adapter,
    queryClient,
    children,
    className,
    ...rest
  },
  ref,
) {
  const r = useReconciliation({
    claims,
    from,
    to,
    rates,
    data,
    defaultKind,
    kind,
    onKindChange,
    defaultSelectedClass,
    selectedClass,
    onSelectedClassChange,
    agreement,
    adapter,
    queryClient,
  });
  const f = useFormatters();
  const titleId = useId();
  const naming = rest['aria-label'] || rest['aria-labelledby'] ? {} : { 'aria-labelledby': titleId };
  const { state, totals, currency } = r;
  const gap = totals ? totals.claimed - totals.matched : 0;

  return (
    // biome-ignore lint/a11y/useSemanticElements: the widget is a named group of controls, not a form fieldset.
    <div
      ref={ref}
      role="group"
      {...naming}
      {...rest}
      className={cx('accord-ReconciliationView', className)}
      data-state={state}
      data-kind={r.kind}
      aria-busy={state === 'loading' || undefined}
    >
      <div className="accord-ReconciliationView-header">
        <div className="accord-ReconciliationView-title" id={titleId}>
          <bdi>{label}</bdi>
        </div>
        {state === 'data' && totals ? (
          <p className="accord-ReconciliationView-figures">
            Claimed <bdi>{f.money(totals.claimed, currency)}</bdi> · Matched{' '}
            <bdi>{f.money(totals.matched, currency)}</bdi> · Gap <bdi>{f.money(gap, currency)}</bdi>
          </p>
        ) : null}
      </div>
      {state === 'loading' || state === 'error' ? (
        <ChartStatus state={state} what="reconciliation" emptyMessage={emptyMessage} onRetry={r.retry} />
      ) : state === 'empty' ? (
        <>
          <ChartStatus state="empty" what="reconciliation" emptyMessage={emptyMessage} />
          {r.unclaimed.length > 0 ? <Unclaimed r={r} f={f} renderOpportunity={renderOpportunity} /> : null}
          <Issues r={r} f={f} />
        </>
      ) : (
        <>
          <div className="accord-ReconciliationView-toolbar">
            <fieldset className="accord-ReconciliationView-toggle">
              <legend className="accord-VisuallyHidden">Claims</legend>
              {r.kinds.map((k) => (
                <button key={k} {...r.getKindButtonProps(k)}>
                  {KIND_LABELS[k]}
                </button>
              ))}
            </fieldset>
          </div>
          {totals && totals.claims === 0 ? (
            <p className="accord-ReconciliationView-message">No {r.kind} claims.</p>
          ) : (
            <Bridge r={r} f={f} caption={`Reconciliation bridge${r.kind === 'all' ? '' : `, ${r.kind} claims`}`} />
          )}
          {r.selectedClass === null ? (
            <p className="accord-ReconciliationView-hint">Select a delta class to list its claims.</p>
          ) : (
            <DrillDown
              key={`${r.kind}:${r.selectedClass}`}
              r={r}
              deltaClass={r.selectedClass}
              f={f}
              renderOpportunity={renderOpportunity}
            />
          )}
          <Unclaimed r={r} f={f} renderOpportunity={renderOpportunity} />
          <Issues r={r} f={f} />
        </>
      )}
      {children === undefined || children === null ? null : typeof children === 'function' ? children(r) : children}
    </div>
  );
});
