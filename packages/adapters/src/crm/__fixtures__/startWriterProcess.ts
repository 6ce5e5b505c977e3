import { type ChildProcess, spawn } from 'node:child_process';

/** A writer child process as the restart tests drive it. */
export interface WriterProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once its output contains `text`; rejects if it exits first. */
  waitFor(text: string): Promise<void>;
  /** Writes a line on its stdin. */
  send(line: string): void;
  /** SIGKILLs it (no cleanup of any kind runs) and resolves with the signal it died of. */
  kill(): Promise<NodeJS.Signals | number | null>;
  /** Resolves with its exit signal or code. */
  exited: Promise<NodeJS.Signals | number | null>;
}

/**
 * @name startWriterProcess
 * @category Testing
 * @summary Runs a TypeScript fixture in a child `node --import tsx` (against the workspace sources) so a test can kill it mid-flight.
 *
 * @example
 * const writer = startWriterProcess(join(here, '__fixtures__', 'hubspotWriter.ts'), [path, hub.baseUrl])
 * await writer.waitFor('queued'); writer.send('go'); await held; await writer.kill()
 */
export function startWriterProcess(script: string, args: readonly string[], cwd?: string): WriterProcess {
  const child = spawn(process.execPath, ['--conditions=@accord/source', '--import', 'tsx', script, ...args], {
    ...(cwd ? { cwd } : {}),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor(text) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
        void exited.then((code) => {
          listeners.delete(check);
          if (!output.includes(text)) reject(new Error(`writer exited (${code}) before printing "${text}": ${output}`));
        });
      });
    },
    send(line) {
      child.stdin?.write(`${line}\n`);
    },
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
