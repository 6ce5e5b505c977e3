import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.ts';

// The e2e test builds the app itself (Vite's JS API with vite.config.ts), so this config only picks
// the test file and runs it in Node.
export default defineConfig({
  test: { ...sharedTestOptions, environment: 'node', include: ['e2e.test.ts'], testTimeout: 60_000 },
});
