import { run } from './run';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`accord: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
