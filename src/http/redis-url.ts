/**
 * `REDIS_URL`, checked before anything is opened (a typo must stop the start, not silently
 * count the limits per server), and shown without its password wherever it is named.
 */

/** Why `REDIS_URL` cannot be used, or null when it can: checked before anything is opened. */
export function redisUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'REDIS_URL is not a URL (expected redis://[:password@]host:port[/db])';
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `REDIS_URL has the scheme "${url.protocol}", not redis: or rediss:`;
  if (!url.hostname) return 'REDIS_URL names no host (expected redis://[:password@]host:port[/db])';
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,5}$/.test(url.pathname)) return `REDIS_URL: "${url.pathname.slice(1)}" is not a database number`;
  return null;
}

/** The URL without its user name and password: what a log line or an error may show. */
export function redisLocation(raw: string): string {
  const url = new URL(raw);
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
