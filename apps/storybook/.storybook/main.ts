import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, mergeConfig } from 'vite';

const config: StorybookConfig = {
  // Stories sit beside their components in the published packages.
  stories: ['../../../packages/react/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Resolve workspace packages to their TypeScript sources (the `@accord/source` export condition),
  // so stories never run against a stale dist/.
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      plugins: [react()],
      resolve: { conditions: ['@accord/source', ...defaultClientConditions] },
      // Storybook's own manager and docs chunks exceed Vite's 500 kB hint; that is not our bundle.
      build: { chunkSizeWarningLimit: 2000 },
    }),
};

export default config;
