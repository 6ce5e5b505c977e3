// @accord/adapters/postgres — the PostgreSQL adapter (a separate entry: it loads the `pg` driver).

export {
  createPostgresAdapter,
  type PostgresAdapterOptions,
  type PostgresPool,
  type PostgresPoolClient,
} from './createPostgresAdapter';
export { type PostgresMigration, postgresMigrationScript, postgresMigrations } from './postgresMigrations';
