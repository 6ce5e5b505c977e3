import { toEpochMs } from '../_lib/instant';
import { AccordError } from '../errors/AccordError';

/** An instant argument: ISO-8601 with offset, epoch ms, or a Date. */
export type InstantInput = string | number | Date;

/**
 * Reads an instant argument, or throws an {@link AccordError} naming the argument (never NaN).
 * The fast path is kept tiny so the JIT inlines it into hot loops.
 */
export function instantArg(value: InstantInput, name: string): number {
  return typeof value === 'number' && value >= -8.64e15 && value <= 8.64e15 ? value : slowInstantArg(value, name);
}

function slowInstantArg(value: InstantInput, name: string): number {
  const ms = toEpochMs(value);
  if (Number.isNaN(ms)) {
    throw AccordError.from([
      {
        code: 'invalid_instant',
        path: [name],
        received: value instanceof Date ? 'Invalid Date' : String(value),
      },
    ]);
  }
  return ms;
}
