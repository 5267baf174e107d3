/**
 * A throwaway Redis for a test: Debian's `redis-server` in the foreground, on a free port of
 * 127.0.0.1, in a temporary folder, persisting nothing (`--save ''`, no append-only file).
 * `stop()` and `start()` stop it and start it again on the same port (an outage); `destroy()`
 * stops it and deletes the folder. A Redis this process started is SIGKILLed when it exits.
 *
 * Missing `redis-server` fails the test with the command that installs it: CI installs it
 * (`.ci/run`), and a test that needs a shared Redis cannot say anything without one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.js';

export interface RedisServer {
  /** `redis://[:password@]127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGTERM) and resolves once it has exited; stopping a stopped one is harmless. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

/** `redis-server` on PATH or where Debian puts it, or null. */
export function findRedisServer(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns redis-server and resolves once it says it accepts connections; rejects with its output if it exits first. */
function launch(binary: string, dir: string, port: number, password: string | undefined): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'notice'];
  if (password) args.push('--requirepass', password);
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not get ready on port ${port} within 30 s:\n${output.join('\n')}`));
    }, 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (/Ready to accept connections/.test(line)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code ?? signal}) before it was ready on port ${port}:\n${output.join('\n')}`));
    });
  });
}

export async function startRedisServer(options: { password?: string } = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server not found: install it (apt-get install -y redis-server); .ci/run does');
  const dir = mkdtempSync(join(tmpdir(), 'kb-redis-'));
  let port = 0;
  let child: ChildProcess | null = null;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      child = await launch(binary, dir, port, options.password);
      break;
    } catch (error) {
      // Another process took the port between choosing it and binding it: choose again.
      if (!/Address already in use/.test((error as Error).message) || attempt >= 5) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const stop = async () => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill('SIGTERM');
    await exited;
  };
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    stop,
    start: async () => {
      if (child) return;
      child = await launch(binary, dir, port, options.password);
    },
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
