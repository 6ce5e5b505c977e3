import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { sharedTestOptions, sourceConditions } from '../../vitest.shared.ts';

const dirname = path.dirname(fileURLToPath(import.meta.url));

// Debian's Chromium (apt-get install chromium); Playwright's own browser download is not used.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  // Never skip the browser tests: a missing browser is a failure, loudly, in CI and locally.
  throw new Error(
    `[accord] Chromium not found at ${CHROMIUM}${process.env['CI'] ? ' (CI)' : ''}. ` +
      'Install it with `apt-get install chromium` or set CHROMIUM_PATH to a Chromium binary.',
  );
}

export default defineConfig({
  ...sourceConditions,
  test: {
    ...sharedTestOptions,
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: path.join(dirname, '.storybook') })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: CHROMIUM,
                args: [
                  '--headless',
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                  '--no-first-run',
                  '--disable-dev-shm-usage', // containers often have a 64 MB /dev/shm
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
