/**
 * The security headers of every response (Content-Security-Policy, nosniff, no-referrer,
 * HSTS …), as @fastify/helmet decides them, worked out once at start-up.
 *
 * @fastify/helmet builds helmet's whole middleware chain again on every request (it calls
 * `helmet(options)` inside its onRequest hook, parsing the policy's directives each time) and
 * adds two hooks: about 5% of a small request's time, to send the same fixed headers every
 * time. Here helmet runs once, on a throwaway fastify instance with the same options, and the
 * headers it set are kept; one callback-style onRequest hook then puts them on every reply.
 * Nothing here depends on the request (no CSP nonces), which is what makes this exact.
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/** The headers @fastify/helmet sets with `options`, read from one request to a throwaway instance. */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Readonly<Record<string, string>>> {
  const probe = Fastify({ logger: false });
  let headers: Record<string, string> = {};
  await probe.register(fastifyHelmet, options);
  // helmet sets its headers on the raw response; at the handler, nothing else has yet.
  probe.get('/', async (_request, reply) => {
    headers = Object.fromEntries(Object.entries(reply.raw.getHeaders()).map(([name, value]) => [name, String(value)]));
    return '';
  });
  try {
    await probe.inject({ method: 'GET', url: '/' });
  } finally {
    await probe.close();
  }
  if (Object.keys(headers).length === 0) throw new Error('@fastify/helmet set no header on its probe request');
  return Object.freeze(headers);
}

/** Sends helmet's headers (`helmetHeaders(options)`) on every response of `app`. */
export async function registerSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
