/**
 * The real built server (`node dist/src/main.js`, what `npm test`'s pretest builds) as a child
 * process on a real port: for what an in-process server cannot show, such as signals, a
 * SIGKILL in the middle of a write, or the files SQLite leaves behind when the process ends.
 *
 * The server listens on PORT=0 and the helper reads the port from fastify's own "Server
 * listening at …" log line: no free-port guess that another test could take in between.
 * Logs are JSON lines (NODE_ENV=production, stdout a pipe), kept for `waitForLog` and for the
 * message of a failure. Every server started is SIGKILLed when the test process exits, so a
 * failing test leaves no server behind; tests still stop theirs in `afterEach`/`afterAll`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { projectRoot } from '../../src/shared/paths.js';
import { postGraphQL } from './gql.js';
import type { GraphQLResponse } from './http.js';

export interface ProcessServerOptions {
  /** The server's DATABASE_URL. */
  databaseUrl: string;
  /**
   * More environment. The rate limits are off unless set here (a test sends hundreds of
   * requests a second from one address); LOG_LEVEL may only lower the level below info, since
   * the listen line at info names the port.
   */
  env?: Record<string, string>;
  /** How long to wait for the listen line and /health; 30 s by default, for a loaded machine. */
  startTimeoutMs?: number;
  /** The script node runs: `SERVER_SCRIPT` by default, `START_SCRIPT` for what `npm start` runs. */
  script?: string;
}

/** How the process ended: an exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One line the server wrote: its JSON (pino's `level`, `msg`, …) or, if not JSON, `{ msg: line }`. */
export type LogLine = { msg?: string; level?: number; [field: string]: unknown };

export interface ProcessServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Resolves once the process has ended (never rejects). */
  readonly exited: Promise<ProcessExit>;
  /** Every line written so far, stdout and stderr, in order. */
  logs(): readonly LogLine[];
  /** Resolves with the first line (already written or to come) that matches; rejects on exit or after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** POSTs an operation to /graphql; `key` is sent as `Authorization: Bearer <key>`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphQLResponse<T>>;
  /** SIGKILL, as a crash, an OOM kill or a power cut of the process: no handler runs. Resolves once it is gone. */
  kill(): Promise<ProcessExit>;
  /** Sends `signal` (SIGTERM by default) and resolves once the process has ended, or rejects after `timeoutMs` (and SIGKILLs it). */
  terminate(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ProcessExit>;
  /** The last lines written, for a failure message. */
  tail(lines?: number): string;
}

export const SERVER_SCRIPT = join(projectRoot(), 'dist', 'src', 'main.js');
/** `npm start`'s launcher: builds if a source is newer, then runs the bundled server. */
export const START_SCRIPT = join(projectRoot(), 'dist', 'src', 'start.js');

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Fastify's listen line at info level: `Server listening at http://127.0.0.1:41235`. */
export function listenPort(line: LogLine): number | null {
  const match = typeof line.msg === 'string' ? /^Server listening at http:\/\/127\.0\.0\.1:(\d+)$/.exec(line.msg) : null;
  return match ? Number(match[1]) : null;
}

function parseLine(text: string): LogLine {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as LogLine;
  } catch {
    // not JSON: a stack trace, a warning from Node
  }
  return { msg: text };
}

/** Starts the server and resolves once it answers /health on its port. */
export async function startProcessServer(options: ProcessServerOptions): Promise<ProcessServer> {
  const level = options.env?.LOG_LEVEL;
  if (level !== undefined && !['info', 'debug', 'trace'].includes(level)) {
    throw new Error(`startProcessServer: LOG_LEVEL ${level} would hide the listen line that names the port; use info, debug or trace`);
  }
  const script = options.script ?? SERVER_SCRIPT;
  const child = spawn(process.execPath, [script], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      RATE_LIMIT_PER_KEY: '0',
      RATE_LIMIT_PER_ADDRESS: '0',
      LOG_LEVEL: 'info',
      ...options.env,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  running.add(child);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  const lines: LogLine[] = [];
  const tail = (count = 20) => lines.slice(-count).map((l) => JSON.stringify(l)).join('\n');
  interface Waiter {
    match: (line: LogLine) => boolean;
    resolve: (line: LogLine) => void;
    reject: (error: Error) => void;
  }
  const waiters = new Set<Waiter>();
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (text) => {
      const line = parseLine(text);
      lines.push(line);
      for (const waiter of waiters) if (waiter.match(line)) waiter.resolve(line);
    });
  }
  // Lines still in the pipes when the process ends are read before `close`, not before `exit`.
  let closed = false;
  child.once('close', () => {
    closed = true;
    for (const waiter of waiters) waiter.reject(new Error(`the server exited before the awaited log line; last lines:\n${tail()}`));
  });

  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 10_000) => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    if (closed) return Promise.reject(new Error(`the server has exited without the awaited log line; last lines:\n${tail()}`));
    return new Promise<LogLine>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      const waiter: Waiter = {
        match,
        resolve: (line) => (settle(), resolve(line)),
        reject: (error) => (settle(), reject(error)),
      };
      const timer = setTimeout(() => waiter.reject(new Error(`no matching log line within ${timeoutMs} ms; last lines:\n${tail()}`)), timeoutMs);
      waiters.add(waiter);
    });
  };

  const terminate = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not end within ${timeoutMs} ms of ${signal} (SIGKILLed); last lines:\n${tail()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([exited, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  let port: number;
  try {
    const startTimeoutMs = options.startTimeoutMs ?? 30_000;
    const listening = await waitForLog((line) => listenPort(line) !== null, startTimeoutMs);
    port = listenPort(listening)!;
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(startTimeoutMs) });
    if (!res.ok) throw new Error(`/health answered ${res.status}`);
    await res.arrayBuffer();
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`the server did not start on ${options.databaseUrl}: ${(error as Error).message}\n${tail()}`);
  }
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    pid: child.pid,
    exited,
    logs: () => lines,
    waitForLog,
    tail,
    gql: (query, variables, key) => postGraphQL(url, query, variables, key),
    kill: () => terminate('SIGKILL'),
    terminate,
  };
}
