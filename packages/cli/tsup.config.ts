import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';
import { version } from './package.json';

// The demo's report renders @accord/react's widgets with react-dom/server: never bundled, always the
// host's installed copies (one React).
const external = ['@accord/react', 'react', 'react-dom', '@tanstack/react-query'];

export default defineConfig([
  packageBuild(
    { index: 'src/index.ts' },
    { platform: 'node', external, define: { __ACCORD_VERSION__: JSON.stringify(version) } },
  ),
  // The executable: ESM only, with a shebang.
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    clean: false,
    dts: false,
    external,
    banner: { js: '#!/usr/bin/env node' },
    define: { __ACCORD_VERSION__: JSON.stringify(version) },
  },
]);
