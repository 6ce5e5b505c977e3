import { defineConfig } from 'tsup';
import { oneFilePerModule, packageBuild } from '../../tsup.base';

const index = { index: 'src/index.ts' };
// Tests, stories, test and story helpers, type-only and declaration files get no module of their own.
const NOT_MODULE = /(\.(test|test-d|stories|types)\.tsx?|\.d\.c?ts)$|\/_(test|stories|browser)\//;
const MODULES = [
  'src/**/*.{ts,tsx}',
  '!src/**/*.test.{ts,tsx}',
  '!src/**/*.test-d.{ts,tsx}',
  '!src/**/*.stories.tsx',
  '!src/**/*.types.ts',
  '!src/**/*.d.ts',
  '!src/**/*.d.cts',
  '!src/_test/**',
  '!src/_stories/**',
  '!src/_browser/**',
];

export default defineConfig([
  // ESM: one output module per source module, so with `sideEffects: ["**/*.css"]` a host's bundler
  // keeps only the widgets it imports and the core functions they reach (SlaQueue alone does not
  // bring the attribution models). CJS stays one bundle; the types come from the index alone.
  packageBuild(index, {
    entry: MODULES,
    dts: { entry: index },
    esbuildOptions(options, { format }) {
      // The CJS bundle holds components, so it is client-only as a whole; each ESM module keeps the
      // directive its source has (hooks and components), so query options can run on a server.
      if (format === 'cjs') {
        options.entryPoints = index;
        options.banner = { js: "'use client';" };
      }
    },
    esbuildPlugins: [oneFilePerModule('src', NOT_MODULE)],
    platform: 'browser',
    target: 'es2022',
    external: ['react', 'react-dom', '@tanstack/react-query', '@tanstack/react-virtual'],
    // Rollup's tree-shaking pass would drop the 'use client' directives, so this build relies on
    // esbuild's own tree-shaking instead.
    treeshake: false,
    // Each module is its own entry; without splitting esbuild writes the CJS itself, banner first.
    splitting: false,
  }),
  // Plain CSS for hosts: every --accord-* token and every widget's rules, bundled into one file.
  // Its types (src/styles.d.ts, .d.cts) are static files: tsup's dts step deletes other .d.ts in dist.
  { entry: { styles: 'src/styles.css' }, clean: false, minify: false, loader: { '.css': 'css' } },
]);
