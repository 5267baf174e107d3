import { describe, expect, it } from 'vitest';
import { CHECKER_MEMORY_MS, HealthCheckers } from '../../../src/http/drain.js';

describe('Draining: the server leaves the proxies\' rotation before it stops listening', () => {
  it('is not done before the signal, whatever was checked', () => {
    const checkers = new HealthCheckers(3);
    checkers.checked('10.0.0.1', 1_000);
    expect(checkers.draining).toBe(false);
    expect(checkers.done()).toBe(false);
  });

  it('waits until each checker seen lately has been answered 503 `needed` times; checks before the signal do not count', () => {
    const checkers = new HealthCheckers(3);
    for (let t = 0; t < 5; t++) checkers.checked('10.0.0.1', 1_000 * t);
    checkers.checked('10.0.0.2', 4_500);
    checkers.begin(5_000);
    expect(checkers.draining).toBe(true);
    expect(checkers.waitingFor).toBe(2);
    for (let i = 0; i < 3; i++) checkers.checked('10.0.0.1', 6_000 + i);
    expect(checkers.done()).toBe(false);
    checkers.checked('10.0.0.2', 7_000);
    checkers.checked('10.0.0.2', 8_000);
    expect(checkers.done()).toBe(false);
    checkers.checked('10.0.0.2', 9_000);
    expect(checkers.done()).toBe(true);
  });

  it('does not wait for a checker last seen over a minute before the signal, nor for one that first appears while draining', () => {
    const checkers = new HealthCheckers(2);
    checkers.checked('old proxy', 0);
    checkers.checked('proxy', CHECKER_MEMORY_MS);
    checkers.begin(CHECKER_MEMORY_MS + 1);
    expect(checkers.waitingFor).toBe(1);
    checkers.checked('newcomer', CHECKER_MEMORY_MS + 2);
    checkers.checked('proxy', CHECKER_MEMORY_MS + 3);
    expect(checkers.done()).toBe(false);
    checkers.checked('proxy', CHECKER_MEMORY_MS + 4);
    expect(checkers.done()).toBe(true);
  });

  it('has nothing to wait for when nobody checked, or when `needed` is 0', () => {
    const unchecked = new HealthCheckers(3);
    unchecked.begin(0);
    expect(unchecked.done()).toBe(true);
    const zero = new HealthCheckers(0);
    zero.checked('proxy', 0);
    zero.begin(1);
    expect(zero.done()).toBe(true);
  });

  it('settles as soon as the last 503 is counted, or gives up after the timeout', async () => {
    const checkers = new HealthCheckers(1);
    checkers.checked('proxy', 0);
    checkers.begin(1);
    const settled = checkers.settled(60_000);
    checkers.checked('proxy', 2);
    await expect(settled).resolves.toBe(true);
    const stuck = new HealthCheckers(1);
    stuck.checked('gone', 0);
    stuck.begin(1);
    await expect(stuck.settled(10)).resolves.toBe(false);
  });
});
