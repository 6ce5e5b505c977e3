import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

/**
 * The Revenue desk's Vite config. Workspace packages resolve to their TypeScript sources (the
 * `@accord/source` export condition), so `npm run dev`, `npm run build` and the e2e test need no prior
 * build of @accord/core or @accord/react. A host app installed from npm leaves `resolve` out.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@accord/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@accord/source', ...defaultServerConditions] } },
  build: {
    // The polyfill is an inline <script>; a strict Content-Security-Policy (script-src 'self') blocks it,
    // and every browser that runs this page supports <link rel="modulepreload"> natively.
    modulePreload: { polyfill: false },
    // The seeded sample generator ships in the bundle (a real app would load its CRM's data instead).
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', port: 5174, strictPort: false },
  preview: { host: '127.0.0.1', port: 4174, strictPort: false },
});
