import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Options } from 'tsup';

/** Build settings shared by every published package: ESM + CJS + .d.ts, one entry per public subpath. */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
    ...overrides,
  };
}

/**
 * Leaves relative imports between source modules as imports of their built files (`./x` becomes
 * `./x.js`), so each source module is one output module and nothing is inlined twice. esbuild's code
 * splitting would do the same through hash-named chunks joined by bare `import './chunk-….js'`
 * statements, which hosts' bundlers warn about under `sideEffects: false`. ESM builds only; modules
 * matching `notModule` (tests, type-only files) are bundled as usual.
 */
export function oneFilePerModule(sourceDir: string, notModule: RegExp): NonNullable<Options['esbuildPlugins']>[number] {
  const source = resolve(sourceDir);
  return {
    name: 'accord-one-file-per-module',
    setup(build) {
      if (build.initialOptions.outExtension?.['.js'] !== '.js') return; // the ESM build only
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return undefined;
        const target = resolve(args.resolveDir, args.path);
        const file = [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`].find(existsSync);
        if (file === undefined || relative(source, file).startsWith('..') || notModule.test(file)) return undefined;
        const specifier = relative(args.resolveDir, file)
          .replaceAll('\\', '/')
          .replace(/\.tsx?$/, '.js');
        return { path: specifier.startsWith('.') ? specifier : `./${specifier}`, external: true };
      });
    },
  };
}
