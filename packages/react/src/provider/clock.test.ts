import { describe, expect, it, vi } from 'vitest';
import { createManualClock, toClock } from './clock';

describe('createManualClock', () => {
  it('starts at an ISO instant or epoch ms', () => {
    expect(createManualClock('2026-03-10T15:00:00Z').now()).toBe(Date.parse('2026-03-10T15:00:00Z'));
    expect(createManualClock(42).now()).toBe(42);
  });

  it('notifies subscribers on set and advance, and stops after unsubscribe', () => {
    const clock = createManualClock(0);
    const listener = vi.fn();
    const unsubscribe = clock.subscribe(listener);
    clock.advance(1000);
    clock.set('1970-01-01T00:01:00Z');
    expect(clock.now()).toBe(60_000);
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    clock.advance(1);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('throws on an instant that is not one', () => {
    expect(() => createManualClock('yesterday')).toThrow('[accord] createManualClock');
    expect(() => createManualClock(0).advance(Number.NaN)).toThrow('[accord] ManualClock.advance');
  });
});

describe('toClock', () => {
  it('wraps a function and defaults to Date.now', () => {
    const fn = () => 5;
    expect(toClock(fn).now).toBe(fn);
    expect(toClock(undefined).now).toBe(Date.now);
    const manual = createManualClock(1);
    expect(toClock(manual)).toBe(manual);
  });
});
