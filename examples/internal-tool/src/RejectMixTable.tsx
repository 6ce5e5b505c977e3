import { computeRejectMix } from '@accord/core';
import { type CSSProperties, type ReactElement, useId, useMemo, useState } from 'react';
import { agreement } from './sample';
import { useRecords } from './useRecords';

const ALL = '(all)';
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-US');

/**
 * The reject-reason mix (`computeRejectMix` over the shared records cache): how many dispositioned
 * leads gave each of the agreement's reasons, in all sources or in one. A rejection made on the page
 * shows here at once.
 */
export function RejectMixTable(): ReactElement {
  const records = useRecords();
  const [source, setSource] = useState(ALL);
  const selectId = useId();
  const captionId = useId();
  const mix = useMemo(() => (records ? computeRejectMix(records.leads, { by: 'source' }) : null), [records]);

  if (mix === null) {
    return (
      <p className="desk-muted" aria-busy="true">
        Loading the reject mix…
      </p>
    );
  }
  const row = mix.find((r) => r.group === source) ?? mix[0];
  const reasons = (agreement.dispositions ?? [])
    .map((reason, order) => ({ reason, order, n: row?.counts[reason.id] ?? 0, share: row?.shares[reason.id] ?? 0 }))
    .sort((a, b) => b.n - a.n || a.order - b.order);
  const max = Math.max(1, ...reasons.map((r) => r.n));

  return (
    <div className="desk-mix">
      <div className="desk-mix-toolbar">
        <label htmlFor={selectId} className="desk-fieldLabel">
          Source
        </label>
        <select id={selectId} value={source} onChange={(e) => setSource(e.currentTarget.value)}>
          {mix.map((r) => (
            <option key={r.group} value={r.group}>
              {r.group === ALL ? 'All sources' : r.group}
            </option>
          ))}
        </select>
        <span className="desk-muted desk-mix-total" data-testid="reject-total">
          {count.format(row?.rejected ?? 0)} rejected
        </span>
      </div>
      <table className="desk-mix-table" aria-labelledby={captionId}>
        <caption id={captionId} className="desk-visuallyHidden">
          Reject reasons{source === ALL ? ', all sources' : `, source ${source}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col" className="desk-num">
              Leads
            </th>
            <th scope="col" className="desk-num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {reasons.map(({ reason, n, share }) => (
            <tr key={reason.id} data-reason={reason.id}>
              <th scope="row">
                <span className="desk-mix-label">{reason.label}</span>
                <span className="desk-mix-bar" aria-hidden="true" style={{ '--desk-bar': n / max } as CSSProperties} />
              </th>
              <td className="desk-num" data-col="count">
                {count.format(n)}
              </td>
              <td className="desk-num" data-col="share">
                {percent.format(share)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
