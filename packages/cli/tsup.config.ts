import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([
  packageBuild({ index: 'src/index.ts' }, { platform: 'node' }),
  // The executable: ESM only, with a shebang; it imports the library build above.
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    clean: false,
    dts: false,
    banner: { js: '#!/usr/bin/env node' },
    external: ['./index.js'],
  },
]);
