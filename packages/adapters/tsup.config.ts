import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig(
  packageBuild({
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    duckdb: 'src/duckdb/index.ts',
    postgres: 'src/postgres/index.ts',
  }),
);
