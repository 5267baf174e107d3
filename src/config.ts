/** Configuration from the environment, with the defaults the API contract names. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Serve the GraphiQL playground and allow introspection (off for a locked-down deployment). */
  playground: boolean;
  /** `open`: anyone may read; `key`: reads need a key of at least the READER role. */
  reads: 'open' | 'key';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const playground = (env.PLAYGROUND ?? 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(playground)) {
    throw new Error(`PLAYGROUND must be on or off, got "${env.PLAYGROUND}"`);
  }
  const reads = (env.READS ?? 'open').toLowerCase();
  if (reads !== 'open' && reads !== 'key') throw new Error(`READS must be open or key, got "${env.READS}"`);
  return {
    reads,
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || './data/kb.sqlite',
    playground: ['on', 'true', '1'].includes(playground),
  };
}
