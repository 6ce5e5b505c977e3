// The service as a program: `npm start -w examples/node-service -- --port 8787 --db leads.duckdb`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Agreement, defaultAgreement, parseAgreement } from '@accord/core';
import { startService } from './startService';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    db: { type: 'string' },
    agreement: { type: 'string' },
  },
});
const port = Number(values.port ?? process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `accord node-service: --port must be an integer from 0 to 65535, got "${values.port ?? process.env.PORT}"`,
  );
  process.exit(2);
}
const dbPath = values.db ?? process.env.ACCORD_DB ?? 'accord-service.duckdb';
let agreement: Agreement = defaultAgreement;
if (values.agreement) {
  try {
    agreement = parseAgreement(readFileSync(values.agreement, 'utf8'));
  } catch (error) {
    console.error(
      `accord node-service: the agreement could not be read:\n${error instanceof Error ? error.message : error}`,
    );
    process.exit(2);
  }
}

const service = await startService({ dbPath, agreement, port });
console.log(`accord node-service listening on ${service.url} (db: ${dbPath})`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`accord node-service: ${signal}, closing`);
  service.close().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
