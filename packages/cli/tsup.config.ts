import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';
import { version } from './package.json';

export default defineConfig([
  packageBuild(
    { index: 'src/index.ts' },
    { platform: 'node', define: { __ACCORD_VERSION__: JSON.stringify(version) } },
  ),
  // The executable: ESM only, with a shebang.
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    clean: false,
    dts: false,
    banner: { js: '#!/usr/bin/env node' },
    define: { __ACCORD_VERSION__: JSON.stringify(version) },
  },
]);
