// vitest globalSetup: a PostgreSQL database for the postgres adapter's tests. Uses DATABASE_URL when it is
// set (the tests only create and drop their own `accord_test_*` schemas there); otherwise starts a
// throwaway cluster (a temp dir, a free loopback port) and stops it after the run, pass or fail.
import { startThrowawayPostgres } from '@accord-internal/postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database the tests may create schemas in. */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    project.provide('databaseUrl', fromEnv);
    return undefined;
  }
  const cluster = await startThrowawayPostgres();
  project.provide('databaseUrl', cluster.url);
  return () => cluster.stop();
}
