/** The security headers: what @fastify/helmet sends, on every response, worked out once. */
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_DIRECTIVES } from '../../../src/http/assets.routes.js';
import { helmetHeaders, registerSecurityHeaders } from '../../../src/http/security-headers.js';

const OPTIONS = { contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY_DIRECTIVES } };

/** An app with a page, a failing route, a body limit and the 404, its headers from `secure`. */
async function appWith(secure: (app: FastifyInstance) => PromiseLike<unknown>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 10 });
  await secure(app);
  app.get('/page', async (_request, reply) => reply.header('cache-control', 'no-cache').send('ok'));
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  app.post('/echo', async (request) => request.body);
  await app.ready();
  return app;
}

/** A response's headers without the ones that vary from one response to the next. */
function fixed(headers: Record<string, unknown>): Record<string, unknown> {
  const { date: _date, ...rest } = headers;
  return rest;
}

describe('Security headers', () => {
  it('are the policy of the pages, nosniff, no-referrer and the rest of helmet', async () => {
    const headers = await helmetHeaders(OPTIONS);
    expect(headers).toMatchObject({
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
  });

  it('are sent on every response exactly as @fastify/helmet sends them: a page, an error, a body too large, a 404', async () => {
    const ours = await appWith((app) => registerSecurityHeaders(app, OPTIONS));
    const helmet = await appWith((app) => app.register(fastifyHelmet, OPTIONS));
    try {
      const requests = [
        { method: 'GET' as const, url: '/page' },
        { method: 'GET' as const, url: '/fails' },
        { method: 'POST' as const, url: '/echo', payload: { much: 'too long for ten bytes' } },
        { method: 'GET' as const, url: '/nowhere' },
      ];
      for (const request of requests) {
        const [a, b] = [await ours.inject(request), await helmet.inject(request)];
        expect(a.statusCode, request.url).toBe(b.statusCode);
        expect(fixed(a.headers), request.url).toEqual(fixed(b.headers));
        expect(a.headers['content-security-policy'], request.url).toBe(CONTENT_SECURITY_POLICY);
      }
    } finally {
      await ours.close();
      await helmet.close();
    }
  });
});
