import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../run';

/** Runs the CLI in-process with captured output, in a fresh temp folder. */
export async function cli(
  args: string[],
  cwd = mkdtempSync(join(tmpdir(), 'accord-cli-')),
  env: Record<string, string | undefined> = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env,
  });
  return { code, stdout, stderr, cwd };
}
