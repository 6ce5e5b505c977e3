import type { AttributionView } from '@accord/react';
import type { ReactElement } from 'react';
import { formatMinutes, localTime } from '../_lib/slaReport';
import { formatCount, formatRate } from '../_lib/table';
import { type CouncilScorecard, formatTarget } from '../demo/councilScorecard';
import type { DemoReport } from './report.types';

const STATUS_TEXT = { met: 'met', missed: 'missed' } as const;

/** Model id → short column label. */
export const MODEL_LABELS: Record<string, string> = {
  first_touch: 'First touch',
  last_touch: 'Last touch',
  linear: 'Linear',
  time_decay: 'Time decay',
  position_based: 'U-shaped',
  w_shaped: 'W-shaped',
  full_path: 'Full path',
  custom: 'Custom',
  markov: 'Markov',
  shapley: 'Shapley',
};

/** The council scorecard: one row per source, one column per stage conversion, ✓ / ✗ against targets. */
export function CouncilTable({ council }: { council: CouncilScorecard }): ReactElement {
  const rows = [...council.rows, council.totals];
  return (
    <table className="accord-Report-table" data-table="council">
      <caption>Stage conversions by source against the agreement's targets</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col" className="num">
            Leads
          </th>
          {council.columns.map((c) => (
            <th key={c.metric} scope="col" className="num">
              {c.fromLabel} → {c.label}
              {c.target ? <span className="accord-Report-target">target {formatTarget(c.target)}</span> : null}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row === council.totals ? '\u0000total' : row.source}
            data-total={row === council.totals || undefined}
          >
            <th scope="row">
              <bdi>{row === council.totals ? 'Total' : row.source}</bdi>
            </th>
            <td className="num">{formatCount(row.leads)}</td>
            {row.cells.map((cell, i) => (
              <td key={council.columns[i]?.metric} className="num" data-status={cell.status ?? undefined}>
                {formatRate(cell.value)}
                {cell.status ? (
                  <span className="accord-Report-mark" role="img" aria-label={STATUS_TEXT[cell.status]}>
                    {cell.status === 'met' ? ' ✓' : ' ✗'}
                  </span>
                ) : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The open SLA clocks nearest to breach. */
export function SlaTable({ report }: { report: DemoReport }): ReactElement {
  const tz = report.agreement.timezone;
  return (
    <table className="accord-Report-table" data-table="sla">
      <caption>The ten open SLA clocks nearest to breach</caption>
      <thead>
        <tr>
          <th scope="col">Lead</th>
          <th scope="col">Company / e-mail</th>
          <th scope="col">Owner</th>
          <th scope="col">SLA</th>
          <th scope="col">Due ({tz})</th>
          <th scope="col" className="num">
            Due in / overdue by
          </th>
        </tr>
      </thead>
      <tbody>
        {report.sla.nearest.map((c) => (
          <tr key={`${c.leadId}:${c.slaId}`} data-state={c.remainingMinutes < 0 ? 'breached' : 'running'}>
            <th scope="row">{c.leadId}</th>
            <td>
              <bdi>{c.who}</bdi>
            </td>
            <td>{c.ownerId ?? '—'}</td>
            <td>
              <bdi>{c.slaLabel}</bdi> <span className="accord-Report-muted">({c.side})</span>
            </td>
            <td>{localTime(c.dueAt, tz)}</td>
            <td className="num">
              {c.remainingMinutes < 0
                ? `overdue by ${formatMinutes(-c.remainingMinutes)}`
                : `due in ${formatMinutes(c.remainingMinutes)}`}
              {c.clock === 'business' ? ' (business)' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Channels × models: each channel's share of the credited conversions. */
export function AttributionTable({ view }: { view: AttributionView }): ReactElement {
  return (
    <table className="accord-Report-table" data-table="attribution">
      <caption>
        Share of {formatCount(Math.round(view.totals.conversions))} conversions credited to each channel
      </caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          {view.models.map((m) => (
            <th key={m} scope="col" className="num">
              {MODEL_LABELS[m] ?? m}
              {m === view.agreedModel ? ' (agreed)' : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row) => (
          <tr key={row.channel}>
            <th scope="row">
              <bdi>{row.channel}</bdi>
            </th>
            {view.models.map((m) => (
              <td key={m} className="num">
                {formatRate(row.share[m] ?? 0)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The first misroutes, with why. */
export function RoutingTable({ report, limit = 10 }: { report: DemoReport; limit?: number }): ReactElement {
  return (
    <table className="accord-Report-table" data-table="routing">
      <caption>
        First {Math.min(limit, report.routing.misroutes.length)} of {formatCount(report.routing.misroutes.length)}{' '}
        misrouted leads
      </caption>
      <thead>
        <tr>
          <th scope="col">Lead</th>
          <th scope="col">Owner</th>
          <th scope="col">Rule</th>
          <th scope="col">Should be</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {report.routing.misroutes.slice(0, limit).map((m) => (
          <tr key={m.leadId}>
            <th scope="row">{m.leadId}</th>
            <td>{m.ownerId}</td>
            <td>{m.expected.ruleId ?? '(none)'}</td>
            <td>{m.expected.kind === 'pool' ? `pool ${m.expected.poolId}` : m.expected.ids.join(', ')}</td>
            <td>
              <bdi>{m.message}</bdi>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The reasons shown as columns: the most frequent overall, in order. */
export function topReasons(report: DemoReport, count = 4): string[] {
  const all = report.rejectMix.find((r) => r.group === '(all)') ?? report.rejectMix[0];
  return Object.entries(all?.counts ?? {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([id]) => id);
}

/** Reject reasons by source: a stacked bar and the share of each top reason. */
export function RejectMixTable({ report }: { report: DemoReport }): ReactElement {
  const reasons = topReasons(report);
  const label = (id: string) => report.reasonLabels[id] ?? id;
  return (
    <>
      <ul className="accord-Report-legend" aria-label="Reasons">
        {reasons.map((id, i) => (
          <li key={id}>
            <svg viewBox="0 0 10 10" className="accord-Report-swatch" aria-hidden="true">
              <rect width="10" height="10" data-series={i + 1} />
            </svg>
            <bdi>{label(id)}</bdi>
          </li>
        ))}
        <li>
          <svg viewBox="0 0 10 10" className="accord-Report-swatch" aria-hidden="true">
            <rect width="10" height="10" data-series="other" />
          </svg>
          Other
        </li>
      </ul>
      <table className="accord-Report-table" data-table="reject-mix">
        <caption>Why sales rejected or recycled leads, by source</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col">Mix</th>
            {reasons.map((id) => (
              <th key={id} scope="col" className="num">
                <bdi>{label(id)}</bdi>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rejectMix.map((row) => {
            let x = 0;
            const parts = [
              ...reasons.map((id, i) => ({ key: id, series: String(i + 1), share: row.shares[id] ?? 0 })),
              {
                key: '\u0000other',
                series: 'other',
                share: Math.max(0, 1 - reasons.reduce((n, id) => n + (row.shares[id] ?? 0), 0)),
              },
            ];
            return (
              <tr key={row.group} data-total={row.group === '(all)' || undefined}>
                <th scope="row">
                  <bdi>{row.group === '(all)' ? 'All sources' : row.group}</bdi>
                </th>
                <td className="num">{formatCount(row.rejected)}</td>
                <td>
                  <svg className="accord-Report-mix" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                    {parts.map((p) => {
                      const rect = (
                        <rect key={p.key} x={x} y={0} width={p.share * 100} height={10} data-series={p.series} />
                      );
                      x += p.share * 100;
                      return rect;
                    })}
                  </svg>
                </td>
                {reasons.map((id) => (
                  <td key={id} className="num">
                    {formatRate(row.rejected === 0 ? null : (row.shares[id] ?? 0))}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
