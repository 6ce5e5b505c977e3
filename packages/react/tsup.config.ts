import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([
  packageBuild(
    { index: 'src/index.ts' },
    {
      platform: 'browser',
      target: 'es2022',
      external: ['react', 'react-dom', '@tanstack/react-query', '@tanstack/react-virtual'],
      // Every export is client-only. Rollup's tree-shaking pass would drop the 'use client' banner,
      // so this build relies on esbuild's own tree-shaking instead.
      banner: { js: "'use client';" },
      treeshake: false,
      // One entry needs no chunks; without splitting esbuild writes the CJS itself, banner first.
      splitting: false,
    },
  ),
  // Plain CSS for hosts: every --accord-* token and every widget's rules, bundled into one file.
  // Its types (src/styles.d.ts, .d.cts) are static files: tsup's dts step deletes other .d.ts in dist.
  { entry: { styles: 'src/styles.css' }, clean: false, minify: false, loader: { '.css': 'css' } },
]);
