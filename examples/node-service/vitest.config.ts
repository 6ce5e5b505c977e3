import { defineConfig } from 'vitest/config';
import { sharedTestOptions, sourceConditions } from '../../vitest.shared.ts';

// The files share one machine's two cores: the load and crash tests measure nothing if they overlap.
export default defineConfig({
  ...sourceConditions,
  test: { ...sharedTestOptions, include: ['test/**/*.test.ts'], fileParallelism: false },
});
