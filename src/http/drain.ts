/**
 * Leaving a proxy's rotation before closing. A proxy (HAProxy's `option httpchk`, a load
 * balancer's health check) takes a server out once `/health` has failed `fall` checks in a row;
 * until then it keeps sending new requests. A server that stopped listening at SIGTERM would
 * refuse those (or cut one whose connection it had just accepted), so on SIGTERM it first
 * answers `/health` with 503 while serving everything else as usual, and stops listening only
 * once each proxy that has been checking it has been answered 503 `needed` times: `fall` to be
 * marked down, plus one, which arrives only after the proxy has acted on the `fall`-th.
 *
 * Proxies are told apart by the address their checks come from. Only those seen in the minute
 * before the signal are waited for: a proxy retired long ago must not hold every later
 * shutdown. With no proxy (nothing checked `/health`), or `needed` 0, there is nothing to wait
 * for. Time is passed in, so the rule is a pure function of what happened.
 */

/** A checker seen longer ago than this before the signal is not waited for. */
export const CHECKER_MEMORY_MS = 60_000;

export class HealthCheckers {
  /** When each address last asked `/health`. */
  private readonly lastSeen = new Map<string, number>();
  /** Once draining: the checkers waited for, and how many 503s each has been answered. */
  private refused: Map<string, number> | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly needed: number) {}

  get draining(): boolean {
    return this.refused !== null;
  }

  /** Records a `/health` request from `address`; once draining it is one more 503 answered. */
  checked(address: string, now: number): void {
    this.lastSeen.set(address, now);
    if (this.refused === null) return;
    const count = this.refused.get(address);
    if (count !== undefined) this.refused.set(address, count + 1);
    if (this.done()) for (const wake of this.waiters) wake();
  }

  /** The signal came: from now on `/health` fails, and the checkers seen lately are waited for. */
  begin(now: number): void {
    if (this.refused !== null) return;
    this.refused = new Map([...this.lastSeen].filter(([, at]) => now - at <= CHECKER_MEMORY_MS).map(([address]) => [address, 0]));
  }

  /** How many checkers are waited for (0 before the signal). */
  get waitingFor(): number {
    return this.refused?.size ?? 0;
  }

  /** Whether every checker waited for has been answered 503 `needed` times. */
  done(): boolean {
    if (this.refused === null) return false;
    return [...this.refused.values()].every((count) => count >= this.needed);
  }

  /** Resolves true once `done()`, or false after `timeoutMs` (a proxy that stopped checking must not hold the shutdown). */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(result);
      };
      const wake = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(wake);
    });
  }
}
