/**
 * Where Accord widgets read the time. `now()` is the current instant in epoch ms; `subscribe`, when
 * present, tells live widgets (SLA countdowns) that the time moved — a manual clock in tests and
 * stories calls it on every `set`/`advance`. Without `subscribe`, live widgets re-read `now()` on
 * their own interval (one second for countdowns).
 */
export interface AccordClock {
  now: () => number;
  subscribe?: (listener: () => void) => () => void;
}

/** A clock that only moves when told to: for tests, stories and replaying a past day. */
export interface ManualClock extends AccordClock {
  subscribe: (listener: () => void) => () => void;
  /** Moves the clock to an instant (epoch ms or an ISO string) and notifies every subscriber. */
  set: (instant: number | string) => void;
  /** Moves the clock forward by `ms` milliseconds and notifies every subscriber. */
  advance: (ms: number) => void;
}

function instant(value: number | string, what: string): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new Error(`[accord] ${what}: expected epoch ms or an ISO instant, got ${String(value)}`);
  return ms;
}

/**
 * @name createManualClock
 * @category Provider
 * @summary A clock for tests and stories that moves only when you call `set` or `advance`.
 *
 * @description
 * Pass it to `AccordProvider`'s `clock`. Live widgets (the SLA queue's countdowns) subscribe to it and
 * re-render when it moves, so a test can step through a warning and a breach without timers.
 *
 * @param start - The starting instant, epoch ms or an ISO string.
 *
 * @example
 * const clock = createManualClock('2026-03-10T15:00:00Z');
 * render(<AccordProvider agreement={agreement} clock={clock}><SlaQueue /></AccordProvider>);
 * act(() => clock.advance(60_000));
 */
export function createManualClock(start: number | string): ManualClock {
  let current = instant(start, 'createManualClock');
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    now: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(value) {
      current = instant(value, 'ManualClock.set');
      notify();
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new Error(`[accord] ManualClock.advance: expected a number of ms, got ${ms}`);
      current += ms;
      notify();
    },
  };
}

const systemClock: AccordClock = { now: Date.now };

/** The provider's `clock` prop as an {@link AccordClock}: a function is wrapped, nothing is `Date.now`. */
export function toClock(clock: (() => number) | AccordClock | undefined): AccordClock {
  if (clock === undefined) return systemClock;
  return typeof clock === 'function' ? { now: clock } : clock;
}
