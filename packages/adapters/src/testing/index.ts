// @accord/adapters/testing — the conformance suite every adapter's tests call (needs vitest).

export {
  type AdapterConformanceOptions,
  type ConformanceData,
  describeAdapterConformance,
} from './describeAdapterConformance';
