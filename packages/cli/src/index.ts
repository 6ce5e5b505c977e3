// @accord/cli — the `accord` command, also usable as a library (`run(argv, io)`).

export type { CliIo } from './_lib/io';
export { HELP, run } from './run';
