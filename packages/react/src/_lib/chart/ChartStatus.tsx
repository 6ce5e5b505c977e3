'use client';

import type { ReactNode } from 'react';

/** Props of {@link ChartStatus}. */
export interface ChartStatusProps {
  state: 'loading' | 'error' | 'empty';
  /** What the chart shows, for the messages: `"funnel"`, `"attribution"`. */
  what: string;
  /** Shown in the empty state. */
  emptyMessage: ReactNode;
  error?: Error | null;
  onRetry?: () => void;
}

/**
 * The loading, error (with a Retry button) and empty states every Accord chart shares. Loading and
 * empty are polite `status` regions; the error is an `alert`. The error's message is not shown (it may
 * quote data); hosts read `error` from the hook.
 */
export function ChartStatus({ state, what, emptyMessage, onRetry }: ChartStatusProps): ReactNode {
  if (state === 'loading')
    return (
      <div className="accord-Chart-status" role="status" data-state="loading">
        Loading the {what}…
      </div>
    );
  if (state === 'error')
    return (
      <div className="accord-Chart-status" role="alert" data-state="error">
        <span>Could not load the {what}.</span>{' '}
        {onRetry ? (
          <button type="button" className="accord-Chart-retry" onClick={onRetry}>
            Retry
          </button>
        ) : null}
      </div>
    );
  return (
    <div className="accord-Chart-status" role="status" data-state="empty">
      {emptyMessage}
    </div>
  );
}
