import { describe, expect, it } from 'vitest';
import { createProgress } from './progress';

function clock(durations: number[]) {
  let t = 0;
  let i = 0;
  // Each step reads the clock twice: start, then end (start + its duration).
  return () => {
    const now = t;
    if (i % 2 === 0) t += durations[i / 2] ?? 0;
    i++;
    return now;
  };
}

describe('createProgress', () => {
  it('prints one line with the time when a step takes a second or more', async () => {
    let err = '';
    const step = createProgress({ write: (s: string) => (err += s) }, { enabled: true, now: clock([1400]) });
    expect(await step('Loading 5,000 leads into DuckDB', () => 42)).toBe(42);
    expect(err).toBe('Loading 5,000 leads into DuckDB… 1.4 s\n');
  });

  it('prints nothing for a fast step', async () => {
    let err = '';
    const step = createProgress({ write: (s: string) => (err += s) }, { enabled: true, now: clock([300]) });
    await step('Checking every record', async () => 'ok');
    expect(err).toBe('');
  });

  it('prints nothing when disabled, however slow the step', async () => {
    let err = '';
    const step = createProgress({ write: (s: string) => (err += s) }, { enabled: false, now: clock([5000]) });
    await step('Generating leads', () => null);
    expect(err).toBe('');
  });

  it('still reports the time when the step throws', async () => {
    let err = '';
    const step = createProgress({ write: (s: string) => (err += s) }, { enabled: true, now: clock([2000]) });
    await expect(step('Loading', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(err).toBe('Loading… 2.0 s\n');
  });
});
