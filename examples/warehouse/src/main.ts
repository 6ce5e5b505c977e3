// `npm start -w examples/warehouse [-- --engine duckdb|postgres] [--leads N]`: the scorecard pushed down
// to DuckDB and PostgreSQL (DATABASE_URL, else a throwaway cluster), with every SQL statement it ran.
import { parseArgs } from 'node:util';
import { startThrowawayPostgres } from '@accord-internal/postgres';
import { runWarehouse, type WarehouseEngine } from './runWarehouse';

const { values } = parseArgs({
  options: { engine: { type: 'string', multiple: true }, leads: { type: 'string' }, seed: { type: 'string' } },
});
const engines = (values.engine ?? ['duckdb', 'postgres']) as WarehouseEngine[];
for (const engine of engines)
  if (engine !== 'duckdb' && engine !== 'postgres') {
    console.error(`accord warehouse: --engine must be duckdb or postgres, got "${engine}"`);
    process.exit(2);
  }
const leads = Number(values.leads ?? 2000);
const seed = Number(values.seed ?? 7);
if (!Number.isInteger(leads) || leads < 1 || !Number.isInteger(seed)) {
  console.error('accord warehouse: --leads must be a positive integer and --seed an integer');
  process.exit(2);
}

const runs = await runWarehouse({
  engines,
  leads,
  seed,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  startPostgres: startThrowawayPostgres,
});
process.exit(runs.every((r) => r.differences.length === 0) ? 0 : 1);
