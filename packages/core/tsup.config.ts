import { defineConfig } from 'tsup';
import { oneFilePerModule, packageBuild } from '../../tsup.base';

const index = { index: 'src/index.ts' };
// Type-only modules (`*.types.ts`) compile to nothing, so they get no file of their own.
const NOT_MODULE = /\.(test|test-d|types)\.ts$/;
const MODULES = ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/*.types.ts'];

// ESM: one output module per source module (date-fns style), so with `sideEffects: false` a host's
// bundler keeps only the modules an import reaches — `businessMinutesBetween` alone does not drag zod
// in through the agreement schemas. `dist/index.js` re-exports; only "." is exported, so the other
// files stay private. CJS (Node `require`, no tree-shaking) stays one bundle; the types come from the
// index alone (`index.d.ts` and `index.d.cts`).
//
// email-providers' list of personal mail domains is data: it is inlined, so the build needs no JSON
// import support from its host (browsers, bundlers, Node alike). See THIRD_PARTY_NOTICES.md.
export default defineConfig(
  packageBuild(index, {
    entry: MODULES,
    dts: { entry: index },
    esbuildOptions(options, { format }) {
      if (format === 'cjs') options.entryPoints = index;
    },
    esbuildPlugins: [oneFilePerModule('src', NOT_MODULE)],
    noExternal: ['email-providers'],
  }),
);
