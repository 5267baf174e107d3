/**
 * A real HAProxy for a test, running the project's own `deploy/haproxy.cfg` with the test's
 * ports in place of its `bind` and `server` lines (everything else as shipped: checks,
 * timeouts, retries, headers), in the foreground (`haproxy -db`), from a temporary folder.
 * It is SIGKILLed when the test process exits, if still running.
 *
 * Missing `haproxy` fails the test with the command that installs it: CI installs it (`.ci/run`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/shared/paths.js';
import { freePort } from './free-port.js';

export const DEPLOY_CONFIG = join(projectRoot(), 'deploy', 'haproxy.cfg');

export interface Backend {
  name: string;
  port: number;
}

/**
 * The configuration `template` with its frontend listening on 127.0.0.1:`port` and its backend
 * holding exactly `backends` (each server line keeps the template's first server line's
 * options). Throws when the template has no `bind` or no `server` line: a test must not run a
 * configuration that has drifted from what it means to test.
 */
export function haproxyConfigFor(template: string, port: number, backends: Backend[]): string {
  const lines = template.split('\n');
  const binds = lines.filter((l) => /^\s*bind\s/.test(l));
  const servers = lines.filter((l) => /^\s*server\s/.test(l));
  if (binds.length !== 1 || servers.length === 0) throw new Error(`the HAProxy template needs one bind line and a server line (found ${binds.length} and ${servers.length})`);
  const [, indent, , , options] = /^(\s*)server\s+(\S+)\s+(\S+)(.*)$/.exec(servers[0]!)!;
  const out: string[] = [];
  let serversWritten = false;
  for (const line of lines) {
    if (/^\s*bind\s/.test(line)) out.push(line.replace(/bind\s+\S+/, `bind 127.0.0.1:${port}`));
    else if (/^\s*server\s/.test(line)) {
      if (serversWritten) continue;
      serversWritten = true;
      for (const b of backends) out.push(`${indent}server ${b.name} 127.0.0.1:${b.port}${options}`);
    } else out.push(line);
  }
  return out.join('\n');
}

export function findHaproxy(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  return existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : null;
}

export interface Haproxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** HAProxy's log lines so far (one per request with `option httplog`, and server state changes). */
  logs(): readonly string[];
  /** Resolves with the first log line (already written or to come) that matches; rejects after `timeoutMs`. */
  waitForLog(match: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts HAProxy on a free port in front of `backends` and resolves once it answers `/health`
 * with 200 through a backend (its checks have found the servers up).
 */
export async function startHaproxy(backends: Backend[], template = readFileSync(DEPLOY_CONFIG, 'utf8')): Promise<Haproxy> {
  const binary = findHaproxy();
  if (!binary) throw new Error('haproxy not found: install it (apt-get install -y haproxy); .ci/run does');
  const dir = mkdtempSync(join(tmpdir(), 'kb-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  const lines: string[] = [];
  const waiters = new Set<{ match: RegExp; resolve: (line: string) => void }>();

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(file, haproxyConfigFor(template, port, backends));
    const child = spawn(binary, ['-db', '-f', file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => (running.delete(child), resolve())));
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        for (const w of waiters) if (w.match.test(line)) w.resolve(line);
      });
    }
    const url = `http://127.0.0.1:${port}`;
    try {
      await untilHealthy(url, exited, () => lines.slice(-20).join('\n'));
    } catch (error) {
      child.kill('SIGKILL');
      await exited;
      const portTaken = /cannot bind socket|Address already in use/i.test(lines.join('\n'));
      if (portTaken && attempt < 5) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const waitForLog = (match: RegExp, timeoutMs = 30_000) => {
      const seen = lines.find((l) => match.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (line: string) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`HAProxy logged nothing matching ${match} within ${timeoutMs} ms; last lines:\n${lines.slice(-20).join('\n')}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    };
    return {
      url,
      port,
      logs: () => lines,
      waitForLog,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** Polls `/health` through the proxy until it answers 200; rejects if HAProxy exits or after 30 s. */
async function untilHealthy(url: string, exited: Promise<void>, tail: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  let last = 'no answer';
  while (Date.now() < deadline && !gone) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`HAProxy did not answer /health with 200 (${gone ? 'it exited' : `last: ${last}`}); its output:\n${tail()}`);
}
