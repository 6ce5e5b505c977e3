import type { ListKind } from '../contract/adapter.types';
import { FACT_COLUMNS, TABLES } from '../sql/canonicalTables';

/** One schema migration of the PostgreSQL adapter. */
export interface PostgresMigration {
  /** Applied in ascending order; recorded in `<schema>.accord_migrations`. */
  readonly version: number;
  readonly description: string;
  /** The statements, for the given (already quoted) schema name. */
  sql(quotedSchema: string): readonly string[];
}

const RECORD_TABLES = [
  'accord_leads',
  'accord_activities',
  'accord_touchpoints',
  'accord_opportunities',
  'accord_spend',
];

/** A schema name the adapter accepts: a plain identifier, not one of PostgreSQL's own `pg_…`. */
export const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
export const isSchemaName = (value: unknown): value is string =>
  typeof value === 'string' && SCHEMA_NAME.test(value) && !/^pg_/i.test(value);

/** The table that records applied migrations. */
export const migrationsTableSql = (quotedSchema: string): string =>
  `CREATE TABLE IF NOT EXISTS ${quotedSchema}.accord_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`;

/**
 * @name postgresMigrations
 * @category Adapters
 * @summary The PostgreSQL adapter's schema migrations, in order, for a DBA to read or apply by hand.
 *
 * @description
 * The adapter applies the missing ones when it starts, in one transaction under a
 * `pg_advisory_xact_lock` (two adapters starting at once do not race), and records each in
 * `<schema>.accord_migrations (version, applied_at)`. Every record table holds `key` (the record's id,
 * or period/channel/campaign/position for spend; `COLLATE "C"` so the order is byte-wise), `changed`
 * (the latest instant the record carries, epoch ms) and `record` (the canonical record as JSONB).
 * {@link postgresMigrationScript} renders them as one script.
 *
 * @example
 * for (const m of postgresMigrations) console.log(`-- ${m.version}: ${m.description}\n${m.sql('"public"').join(';\n')};`)
 */
export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'one table per record kind: key, changed, record',
    sql: (schema) =>
      RECORD_TABLES.flatMap((table) => [
        `CREATE TABLE IF NOT EXISTS ${schema}.${table} (key TEXT COLLATE "C" PRIMARY KEY, changed DOUBLE PRECISION, record JSONB NOT NULL)`,
        `CREATE INDEX IF NOT EXISTS ${table}_changed_idx ON ${schema}.${table} (changed)`,
      ]),
  },
  {
    version: 2,
    description:
      'typed columns the scorecard aggregates (instants in epoch ms), stage dates and opportunity leads as link tables',
    sql: (schema) => [
      ...(Object.keys(FACT_COLUMNS) as ListKind[]).flatMap((kind) =>
        FACT_COLUMNS[kind].map(
          ([column, type]) =>
            `ALTER TABLE ${schema}.${TABLES[kind]} ADD COLUMN IF NOT EXISTS ${column} ${PG_TYPES[type]}${type === 'text' ? ' COLLATE "C"' : ''}`,
        ),
      ),
      `CREATE TABLE IF NOT EXISTS ${schema}.${TABLES.leadStages} (lead_key TEXT COLLATE "C" NOT NULL, stage TEXT COLLATE "C" NOT NULL, at DOUBLE PRECISION NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS accord_lead_stages_lead_idx ON ${schema}.${TABLES.leadStages} (lead_key)`,
      `CREATE TABLE IF NOT EXISTS ${schema}.${TABLES.opportunityLeads} (opportunity_key TEXT COLLATE "C" NOT NULL, position INT NOT NULL, lead_key TEXT COLLATE "C" NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS accord_opportunity_leads_idx ON ${schema}.${TABLES.opportunityLeads} (opportunity_key)`,
      `CREATE INDEX IF NOT EXISTS accord_activities_lead_idx ON ${schema}.${TABLES.activities} (lead_id)`,
    ],
  },
];

const PG_TYPES = { double: 'DOUBLE PRECISION', text: 'TEXT', int: 'INTEGER' } as const;

/**
 * @name postgresMigrationScript
 * @category Adapters
 * @summary Every migration as one SQL script for a schema, to review or run by hand (`psql -f`).
 *
 * @description
 * Idempotent: creates the schema and tables when missing and records each version in
 * `accord_migrations`, so an adapter started afterwards finds the schema up to date and needs no DDL
 * privilege. Throws a `TypeError` for a schema name the adapter would refuse.
 *
 * @example
 * writeFileSync('accord.sql', postgresMigrationScript('accord'))
 */
export function postgresMigrationScript(schema = 'public'): string {
  if (!isSchemaName(schema))
    throw new TypeError('schema must be a plain identifier (a letter or _, then letters, digits or _; not pg_…)');
  const quoted = `"${schema}"`;
  const lines = ['BEGIN;', `CREATE SCHEMA IF NOT EXISTS ${quoted};`, `${migrationsTableSql(quoted)};`];
  for (const migration of postgresMigrations) {
    lines.push(`-- ${migration.version}: ${migration.description}`);
    for (const statement of migration.sql(quoted)) lines.push(`${statement};`);
    lines.push(
      `INSERT INTO ${quoted}.accord_migrations (version, applied_at) VALUES (${migration.version}, now()) ON CONFLICT (version) DO NOTHING;`,
    );
  }
  lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}
