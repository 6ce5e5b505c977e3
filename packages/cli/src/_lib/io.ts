/** Where the CLI reads and writes; `process` in the binary, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
}

/** A failure the user can fix: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;
