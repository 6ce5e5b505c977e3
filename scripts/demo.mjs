#!/usr/bin/env node
// `npm run demo`: build the packages the CLI needs (cached by turbo; quiet unless it fails), then run
// `accord demo` with any extra arguments (`npm run demo -- --leads 50000 --json`).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' };
const turbo = join(root, 'node_modules', '.bin', 'turbo');

process.stderr.write(
  'Building @accord/core, @accord/adapters, @accord/react and @accord/cli (cached after the first run)…\n',
);
const build = spawnSync(turbo, ['run', 'build', '--filter=@accord/cli', '--output-logs=errors-only'], {
  cwd: root,
  env,
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stderr.write(
    `${build.stdout ?? ''}${build.stderr ?? ''}\nThe build failed (exit ${build.status ?? build.signal}); see above.\n`,
  );
  process.exit(1);
}
const demo = spawnSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'demo', ...process.argv.slice(2)], {
  cwd: process.cwd(),
  env,
  stdio: 'inherit',
});
process.exit(demo.status ?? 1);
