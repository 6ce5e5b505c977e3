import { defineConfig } from 'vitest/config';
import { sharedTestOptions, sourceConditions } from '../../vitest.shared.ts';

export default defineConfig({
  ...sourceConditions,
  test: {
    ...sharedTestOptions,
    include: ['src/**/*.test.ts'],
    // A throwaway PostgreSQL cluster for the postgres adapter (or DATABASE_URL), stopped after the run.
    globalSetup: ['./test/postgresCluster.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
