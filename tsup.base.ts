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
