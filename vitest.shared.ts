import { defaultClientConditions, defaultServerConditions } from 'vite';

/**
 * Tests run against the packages' TypeScript sources, never against a stale `dist/`: every workspace
 * package exports its source under the `@accord/source` condition (TanStack's custom-condition pattern).
 */
export const sourceConditions = {
  resolve: { conditions: ['@accord/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@accord/source', ...defaultServerConditions] } },
};
