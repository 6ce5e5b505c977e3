import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import { packageBuild } from '../../tsup.base';

const index = { index: 'src/index.ts' };
const SOURCE = resolve('src');
// Type-only modules (`*.types.ts`) compile to nothing, so they get no file of their own.
const NOT_MODULE = /\.(test|test-d|types)\.ts$/;
const MODULES = ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/*.types.ts'];

/**
 * Leaves relative imports between source modules as imports of their built files (`./x` becomes
 * `./x.js`), so each source module is one output module and nothing is inlined twice. esbuild's code
 * splitting would do the same through hash-named chunks joined by bare `import './chunk-….js'`
 * statements, which hosts' bundlers warn about under `sideEffects: false`.
 */
const oneFilePerModule: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'accord-one-file-per-module',
  setup(build) {
    if (build.initialOptions.outExtension?.['.js'] !== '.js') return; // the ESM build only
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return undefined;
      const target = resolve(args.resolveDir, args.path);
      const file = [`${target}.ts`, `${target}/index.ts`].find(existsSync);
      if (file === undefined || relative(SOURCE, file).startsWith('..') || NOT_MODULE.test(file)) return undefined;
      const specifier = relative(args.resolveDir, file).replaceAll('\\', '/').replace(/\.ts$/, '.js');
      return { path: specifier.startsWith('.') ? specifier : `./${specifier}`, external: true };
    });
  },
};

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
    esbuildPlugins: [oneFilePerModule],
    noExternal: ['email-providers'],
  }),
);
