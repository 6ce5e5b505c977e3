import { defaultClientConditions, defaultServerConditions } from 'vite';

/**
 * Tests run against the packages' TypeScript sources, never against a stale `dist/`: every workspace
 * package exports its source under the `@accord/source` condition (TanStack's custom-condition pattern).
 */
export const sourceConditions = {
  resolve: { conditions: ['@accord/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@accord/source', ...defaultServerConditions] } },
};

/**
 * Timeouts for a 2-core CI machine where turbo runs several suites at once: a cold first run of a
 * heavy library (axe in jsdom, a property test) can take seconds. Tests that hang still fail.
 */
export const sharedTestOptions = { testTimeout: 30_000, hookTimeout: 30_000 };
