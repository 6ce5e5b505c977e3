import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The service as a separate process: `node --import tsx src/main.ts`, what `npm start` (`tsx src/main.ts`)
 * runs — minus tsx's wrapper process, so a signal reaches the service itself.
 */
export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed. */
  output: () => string;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string>;
}

/** Starts the service on a free port with the given DuckDB file and waits for its "listening" line. */
export async function spawnService(dbPath: string): Promise<ServiceProcess> {
  const args = ['--import', 'tsx', '--conditions=@accord/source', 'src/main.ts', '--port', '0', '--db', dbPath];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code}) before listening:\n${out}`));
    });
  });
  return { url, child, output: () => out, exited };
}

/** Stops the service with SIGTERM (a clean close) and waits for it. */
export async function stopService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGTERM');
  await service.exited;
}
