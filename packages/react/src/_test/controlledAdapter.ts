import type { LeadDisposition } from '@accord/core';
import type { AccordAdapter } from '../provider/adapter.types';

/** A promise and the functions that settle it. */
export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A real adapter whose `writeDisposition` the test controls: hold it on a promise, or fail the next calls. */
export interface ControlledAdapter {
  adapter: AccordAdapter;
  /** Every call to `writeDisposition`, in order (failed ones included). */
  calls: { leadId: string; disposition: LeadDisposition }[];
  /** The next writes wait until the returned deferred settles (resolve: write through; reject: fail). */
  hold: () => Deferred;
  /** The next `count` writes reject with `message` (without reaching the real adapter). */
  failNext: (count: number, message?: string) => void;
}

/**
 * Wraps a real adapter (the memory adapter): the reads and the actual write are the real adapter's;
 * only the timing and the failures of `writeDisposition` are controlled.
 */
export function createControlledAdapter(base: AccordAdapter): ControlledAdapter {
  const calls: ControlledAdapter['calls'] = [];
  let gate: Deferred | null = null;
  let failures = 0;
  let failure = 'Network error';
  const write = base.writeDisposition;
  if (write === undefined)
    throw new Error('[accord] createControlledAdapter needs an adapter that writes dispositions.');
  const adapter: AccordAdapter = {
    ...base,
    async writeDisposition(leadId, disposition) {
      calls.push({ leadId, disposition });
      const held = gate;
      if (held !== null) await held.promise;
      if (failures > 0) {
        failures--;
        throw new Error(failure);
      }
      await write.call(base, leadId, disposition);
    },
  };
  return {
    adapter,
    calls,
    hold: () => {
      gate = deferred();
      return gate;
    },
    failNext: (count, message = 'Network error') => {
      failures = count;
      failure = message;
    },
  };
}

/** The same adapter, declaring it cannot write dispositions (and without the method). */
export function createReadOnlyAdapter(base: AccordAdapter): AccordAdapter {
  const { writeDisposition: _omit, ...rest } = base;
  return { ...rest, capabilities: { ...base.capabilities, writeDisposition: false } };
}
