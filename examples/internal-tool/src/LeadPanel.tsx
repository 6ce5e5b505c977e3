import { deriveLifecycle, type Instant, type Lead } from '@accord/core';
import { RejectPicker, RoutingTrace } from '@accord/react';
import { type ReactElement, useCallback, useMemo, useState } from 'react';
import { agreement, currentUser, DESK_NOW, sample } from './sample';

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const formatInstant = (at: Instant) => `${dateTime.format(new Date(at))} UTC`;

function stageLabel(id: string | null): string {
  if (id === null) return 'No stage';
  return agreement.stages.find((s) => s.id === id)?.label ?? id;
}

function reasonLabel(id: string): string {
  return agreement.dispositions?.find((r) => r.id === id)?.label ?? id;
}

/** Props of {@link LeadPanel}. */
export interface LeadPanelProps {
  /** The open lead, from the shared records cache (so it shows a rejection at once); null when none is open. */
  lead: Lead | null;
  onClose: () => void;
}

/**
 * The side panel: the open lead's facts, its disposition when it has one, the RejectPicker, and
 * "why this owner" (RoutingTrace, replayed as of the lead's arrival).
 */
export function LeadPanel({ lead, onClose }: LeadPanelProps): ReactElement {
  if (lead === null) {
    return (
      <div className="desk-panel-empty">
        <p className="desk-panel-emptyTitle">No lead open</p>
        <p className="desk-muted">
          Pick a row in the SLA queue (click it, or move with the arrow keys and press Enter) to review the lead and
          reject it with a reason.
        </p>
      </div>
    );
  }
  // A new lead is a new panel: the picker's state never carries over to another lead.
  return <OpenLead key={lead.id} lead={lead} onClose={onClose} />;
}

function OpenLead({ lead, onClose }: { lead: Lead; onClose: () => void }): ReactElement {
  const stage = useMemo(() => deriveLifecycle(lead, agreement, { now: DESK_NOW }).current, [lead]);
  // Offer the picker while the lead has no recorded disposition; once the adapter recorded the
  // rejection, the disposition line below the facts is the outcome.
  const [rejectable, setRejectable] = useState(() => lead.disposition === undefined);
  // The picker's mutation reloads the records from the adapter once the write settles, then the
  // views: the queue drops the lead's closed clocks. Here the panel only swaps the form for the outcome.
  const onSubmitted = useCallback(() => setRejectable(false), []);
  const facts: [string, string][] = [
    ['E-mail', lead.email ?? '—'],
    ['Lead id', lead.id],
    ['Stage', stageLabel(stage)],
    ['Source', lead.source ?? '—'],
    ['Owner', lead.ownerId ?? 'Unassigned'],
    ['Created', formatInstant(lead.createdAt)],
  ];
  const { disposition } = lead;
  return (
    <div className="desk-lead" data-lead-id={lead.id}>
      <div className="desk-lead-header">
        <h2 className="desk-lead-title" id="desk-lead-title">
          <bdi>{lead.company ?? lead.email ?? lead.id}</bdi>
        </h2>
        <button type="button" className="desk-button desk-button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="desk-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="desk-fact" data-wide={term === 'E-mail' || term === 'Created' ? '' : undefined}>
            <dt>{term}</dt>
            <dd>
              <bdi>{value}</bdi>
            </dd>
          </div>
        ))}
      </dl>
      {/* A polite live region from the start, so the rejection is announced when it lands. */}
      <div role="status" className="desk-dispositionRegion">
        {disposition ? (
          <p className="desk-disposition" data-testid="lead-disposition">
            Rejected: <strong>{reasonLabel(disposition.reasonId)}</strong>
            {disposition.detail ? (
              <>
                {' '}
                (<bdi>{disposition.detail}</bdi>)
              </>
            ) : null}
            {disposition.by ? (
              <>
                {' '}
                by <bdi>{disposition.by}</bdi>
              </>
            ) : null}
            , {formatInstant(disposition.at)}
          </p>
        ) : null}
      </div>
      {rejectable ? (
        <RejectPicker lead={lead} by={currentUser.id} onSubmitted={onSubmitted} className="desk-reject" />
      ) : null}
      <details className="desk-details">
        <summary>Why this owner?</summary>
        <RoutingTrace lead={lead} accounts={sample.accounts} now={lead.createdAt} heading="Routing at arrival" />
      </details>
    </div>
  );
}
