/**
 * The settings a server behind a proxy reads (REDIS_URL, TRUST_PROXY, DRAIN_HEALTH_CHECKS): a
 * value that does not parse stops the start with a message naming the variable and never the
 * password; and the HAProxy configuration the tests run is the shipped one with their ports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { redisLocation, redisUrlProblem } from '../../../src/http/redis-url.js';
import { DEPLOY_CONFIG, haproxyConfigFor } from '../../helpers/haproxy.js';

describe('REDIS_URL: checked before anything is opened, shown without its password', () => {
  it('takes redis:// and rediss:// URLs with a host, an optional password and database number', () => {
    expect(redisUrlProblem('redis://127.0.0.1:6379')).toBeNull();
    expect(redisUrlProblem('redis://:s3cret@cache.internal:6380/2')).toBeNull();
    expect(redisUrlProblem('rediss://kb:s3cret@cache.example.org')).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/1' }).redisUrl).toBe('redis://127.0.0.1:6379/1');
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeNull();
  });

  it('refuses another scheme, no host, a path that is no database number, or no URL, never echoing the password', () => {
    const refusals: [string, RegExp][] = [
      ['http://:s3cret@127.0.0.1:6379', /scheme "http:"/],
      ['redis:///0', /no host/],
      ['redis://:s3cret@127.0.0.1:6379/cache', /"cache" is not a database number/],
      ['127.0.0.1:6379', /scheme|not a URL/],
      ['redis:// s3cret', /REDIS_URL/],
    ];
    for (const [url, message] of refusals) {
      expect(redisUrlProblem(url), url).toMatch(message);
      expect(redisUrlProblem(url), url).not.toMatch(/s3cret/);
      expect(() => loadConfig({ REDIS_URL: url }), url).toThrow(ConfigError);
    }
  });

  it('names a Redis by scheme, host, port and database only', () => {
    expect(redisLocation('redis://kb:s3cret@cache.internal:6380/2')).toBe('redis://cache.internal:6380/2');
    expect(redisLocation('redis://:s3cret@127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('TRUST_PROXY and DRAIN_HEALTH_CHECKS', () => {
  it('trusts nobody by default, and takes a list of addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
  });

  it('refuses a name, a range past the address length, or junk, naming the entry', () => {
    for (const value of ['loadbalancer', '10.0.0.0/33', '::1/129', '10.0.0.1/8/8', '10.0.0.256']) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(new RegExp(`TRUST_PROXY .*"${value.replace(/[./]/g, '\\$&')}"`));
    }
  });

  it('stops at once by default; takes a whole number of checks', () => {
    expect(loadConfig({}).drainHealthChecks).toBe(0);
    expect(loadConfig({ DRAIN_HEALTH_CHECKS: '3' }).drainHealthChecks).toBe(3);
    expect(() => loadConfig({ DRAIN_HEALTH_CHECKS: 'three' })).toThrow(/DRAIN_HEALTH_CHECKS must be a whole number/);
  });
});

describe('The HAProxy configuration the tests run is deploy/haproxy.cfg with their ports', () => {
  const shipped = readFileSync(DEPLOY_CONFIG, 'utf8');

  it('replaces the bind line and the server lines, and keeps everything else', () => {
    const config = haproxyConfigFor(shipped, 18080, [{ name: 'a', port: 1001 }, { name: 'b', port: 1002 }]);
    expect(config).toMatch(/^\s*bind 127\.0\.0\.1:18080$/m);
    expect(config.match(/^\s*server .*$/gm)).toEqual(['    server a 127.0.0.1:1001', '    server b 127.0.0.1:1002']);
    const rest = (text: string) => text.split('\n').filter((l) => !/^\s*(bind|server)\s/.test(l));
    expect(rest(config)).toEqual(rest(shipped));
  });

  it('ships health checks on /health, a tunnel timeout for WebSockets and the client address set, not appended', () => {
    expect(shipped).toMatch(/^\s*option httpchk$/m);
    expect(shipped).toMatch(/^\s*http-check send meth GET uri \/health\b/m);
    expect(shipped).toMatch(/^\s*timeout tunnel \S+/m);
    expect(shipped).toMatch(/^\s*http-request set-header X-Forwarded-For %\[src\]$/m);
  });

  it('refuses a template without a bind or server line', () => {
    expect(() => haproxyConfigFor('frontend x\n    bind :80\n', 1, [])).toThrow(/server line/);
  });
});
