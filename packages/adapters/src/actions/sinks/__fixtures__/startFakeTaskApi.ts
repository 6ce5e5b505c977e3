// A small fake of a task API on 127.0.0.1 for the sink tests: real HTTP, a bearer token, and faults
// injected per request (an error status with Retry-After, a stall past the client's timeout, a socket
// dropped before or after the request was applied).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fault for the next request whose `METHOD path` matches (a RegExp, the exact line, or a prefix ending with `:`). */
export type FakeFault =
  | { status: number; retryAfter?: string; body: unknown }
  /** Never answered (the client's timeout fires); the request is not applied. */
  | { stall: true }
  /** The socket is closed before the request is applied. */
  | { drop: true }
  /** The request is applied, then the socket is closed without an answer (the create succeeded, the answer is lost). */
  | { dropAfterApply: true };

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What the API's handler answers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
}

export interface FakeTaskApi {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: FakeRequest[];
  fail(match: RegExp | string, ...faults: FakeFault[]): void;
  close(): Promise<void>;
}

/**
 * Starts the fake. `handle` applies a request to the API's state; `unauthorized` is the vendor's body
 * for a wrong token (answered 401).
 */
export async function startFakeTaskApi(options: {
  token: string;
  unauthorized: unknown;
  handle: (request: FakeRequest) => FakeAnswer;
}): Promise<FakeTaskApi> {
  const requests: FakeRequest[] = [];
  const faults: { match: RegExp | string; fault: FakeFault }[] = [];
  const sockets = new Set<Socket>();
  const takeFault = (line: string): FakeFault | undefined => {
    const at = faults.findIndex(({ match }) =>
      typeof match !== 'string' ? match.test(line) : match.endsWith(':') ? line.startsWith(match) : line === match,
    );
    return at < 0 ? undefined : faults.splice(at, 1)[0]?.fault;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      requests.push(request);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        const json = payload === undefined ? '' : JSON.stringify(payload);
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(json),
          ...headers,
        });
        res.end(json);
      };
      if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, options.unauthorized);
      const fault = takeFault(`${request.method} ${request.path}`);
      if (fault && 'stall' in fault) return;
      if (fault && 'drop' in fault) return req.socket.destroy();
      if (fault && 'status' in fault)
        return send(
          fault.status,
          fault.body,
          fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
        );
      const answer = options.handle(request);
      if (fault && 'dropAfterApply' in fault) return req.socket.destroy();
      send(answer.status, answer.body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    fail(match, ...list) {
      for (const fault of list) faults.push({ match, fault });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
