import type { AccordAdapter } from '../provider/adapter.types';

/** True when the adapter declares and implements `writeDisposition`. */
export function canWriteDisposition(adapter: AccordAdapter): boolean {
  return adapter.capabilities.writeDisposition === true && typeof adapter.writeDisposition === 'function';
}

/** The error a disposition write raises on an adapter that cannot write one (never a silent no-op). */
export function unsupportedDispositionError(adapter: AccordAdapter): Error {
  return new Error(
    `[accord] Adapter "${adapter.name}" cannot record dispositions (capabilities.writeDisposition is false). ` +
      'Use an adapter that writes dispositions, or hide the reject picker for this data source.',
  );
}
