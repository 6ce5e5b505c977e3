// A throwaway PostgreSQL cluster for tests (the TOOLING.md recipe as a function): initdb into a fresh temp
// dir, a free loopback port, the unix socket inside the temp dir, fsync off; stop() ends it and removes
// the dir. It never touches the machine's own clusters (their data dirs, ports and sockets).
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The directory holding initdb, pg_ctl and postgres: `ACCORD_PG_BIN`, else the newest
 * /usr/lib/postgresql/<version>/bin (Debian, Ubuntu), else the first `initdb` on PATH; null when none.
 * @returns {string | null}
 */
export function findPostgresBin() {
  const fromEnv = process.env.ACCORD_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions[0] !== undefined) return join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  return null;
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** @param {string} user */
function idOf(user) {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Starts a throwaway cluster. As root, initdb and the server run as the `postgres` user (initdb refuses
 * root); otherwise as the current user. Connections from 127.0.0.1 need the superuser's password
 * (scram-sha-256), which is random per cluster and part of `url`.
 * @param {{ startTimeoutSeconds?: number }} [options]
 * @returns {Promise<import('./index.d.mts').ThrowawayPostgres>}
 */
export async function startThrowawayPostgres(options = {}) {
  const started = Date.now();
  const bin = findPostgresBin();
  if (!bin)
    throw new Error(
      'No PostgreSQL server binaries (initdb, pg_ctl) found in /usr/lib/postgresql/*/bin, ACCORD_PG_BIN or PATH. ' +
        'Install them (Debian: apt-get install -y postgresql; `bash scripts/ensure-postgresql.sh` does it as root) ' +
        'or set DATABASE_URL to a database the tests may create schemas in.',
    );
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const owner = root ? idOf('postgres') : null;
  if (root && !owner)
    throw new Error('Running as root, but there is no `postgres` user to run initdb as (apt-get install postgresql).');
  const dir = mkdtempSync(join(tmpdir(), 'accord-pg-'));
  const data = join(dir, 'data');
  const log = join(data, 'server.log');
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  /** @param {string} tool @param {string[]} args */
  const as = (tool, args) =>
    root
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: dir })
      : run(join(bin, tool), args, { cwd: dir });
  const pgCtlStop = ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'];

  let stopped = false;
  // Last resort when the process exits without calling stop() (a crashed runner): synchronous.
  const stopAtExit = () => {
    if (stopped) return;
    stopped = true;
    const args = root ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...pgCtlStop] : pgCtlStop;
    spawnSync(root ? 'runuser' : join(bin, 'pg_ctl'), args, { cwd: '/', stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopAtExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopAtExit);
    if (existsSync(join(data, 'postmaster.pid'))) await as('pg_ctl', pgCtlStop).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await as('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'scram-sha-256',
      '--pwfile',
      pwfile,
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    rmSync(pwfile, { force: true });
    let port = 0;
    // The port can be taken between choosing it and the server binding it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const serverOptions = [
        `-p ${port}`,
        `-k '${dir}'`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
      ].join(' ');
      try {
        await as('pg_ctl', [
          '-D',
          data,
          '-l',
          log,
          '-w',
          '-t',
          String(options.startTimeoutSeconds ?? 30),
          '-o',
          serverOptions,
          'start',
        ]);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
      dir,
      startMs: Date.now() - started,
      stop,
    };
  } catch (error) {
    let tail = '';
    try {
      tail = readFileSync(log, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      // no log yet
    }
    await stop();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`The throwaway PostgreSQL cluster did not start: ${message}${tail ? `\n${tail}` : ''}`, {
      cause: error,
    });
  }
}
