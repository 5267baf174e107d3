/**
 * The fuzz judge (`problems` in tests/fuzz/harness.ts) on answers written out by hand: a fuzz
 * run that passes is only worth something if the judge fails what it must fail, so each rule
 * is shown rejecting one answer and accepting its good twin.
 */
import { describe, expect, it } from 'vitest';
import type { GeneratedOperation } from '../helpers/fuzz-operations.js';
import { problems, type Auth, type FuzzCase, type Outcome } from './harness.js';

const query: GeneratedOperation = { operationType: 'query', query: '{ actor(id: "actor:iran") { id } }', variables: {}, rootFields: ['actor'] };
const mutation: GeneratedOperation = { operationType: 'mutation', query: 'mutation { deleteActor(input: {id: "actor:iran", expectedVersion: 1}) { userErrors { code } } }', variables: {}, rootFields: ['deleteActor'] };

const valid = (op: GeneratedOperation, auth: Auth = 'none'): FuzzCase => ({ index: 0, seed: 0, kind: 'valid', auth, op });
const malformed: FuzzCase = { index: 0, seed: 0, kind: 'malformed', auth: 'none', op: query, raw: { method: 'POST', path: '/graphql', headers: {}, body: '{', mutation: 'test' } };

const answer = (status: number, body: unknown, contentType = 'application/json; charset=utf-8'): Outcome => ({ status, contentType, text: JSON.stringify(body), body });

describe('The fuzz judge', () => {
  it('fails a 5xx, a body that is not JSON, an error without a code, and INTERNAL_SERVER_ERROR', () => {
    expect(problems(malformed, answer(500, { errors: [{ message: 'x', extensions: { code: 'BAD_REQUEST' } }] }))).toEqual(['HTTP 500']);
    expect(problems(malformed, { status: 400, contentType: 'text/html', text: '<h1>', body: undefined })).toEqual(['not a JSON object (content-type "text/html")']);
    expect(problems(malformed, answer(400, { errors: [{ message: 'x' }] }))).toEqual(['an error without a string extensions.code']);
    expect(problems(malformed, answer(400, { errors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }))).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(problems(malformed, answer(400, { errors: [{ message: 'x', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] }))).toEqual([]);
    // fastify's own 404 for a method the route lacks: no GraphQL errors, but a client status.
    expect(problems(malformed, answer(404, { message: 'Route PUT:/graphql not found', error: 'Not Found', statusCode: 404 }))).toEqual([]);
    expect(problems(malformed, answer(400, { message: 'x' }))).toEqual(['neither GraphQL errors, data nor a code']);
  });

  it('fails a valid operation refused as invalid, or answered without data or errors', () => {
    expect(problems(valid(query), answer(200, { data: { actor: { id: 'actor:iran' } } }))).toEqual([]);
    expect(problems(valid(query), answer(400, { errors: [{ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }))).toEqual(['a valid operation refused as invalid (GRAPHQL_VALIDATION_FAILED)']);
    expect(problems(valid(query), answer(400, { errors: [{ message: 'Variable "$v"…', extensions: { code: 'BAD_USER_INPUT' } }] }))).toEqual(['a valid operation refused before execution (BAD_USER_INPUT without a path)']);
    expect(problems(valid(query), answer(200, { errors: [{ message: 'x', path: ['actor'], extensions: { code: 'BAD_USER_INPUT' } }], data: null }))).toEqual([]);
    expect(problems(valid(query), answer(200, {}))).toEqual(['no errors and no data']);
  });

  it('fails a write or a bad key that is not refused with the contract code', () => {
    const refused = (code: string) => answer(401, { errors: [{ message: 'x', path: ['deleteActor'], extensions: { code } }], data: null });
    expect(problems(valid(mutation, 'none'), refused('UNAUTHENTICATED'))).toEqual([]);
    expect(problems(valid(mutation, 'none'), answer(200, { data: { deleteActor: { userErrors: [] } } }))).toEqual(['a mutation with auth "none" was not refused with UNAUTHENTICATED']);
    expect(problems(valid(mutation, 'reader'), refused('UNAUTHENTICATED'))).toEqual(['a mutation with auth "reader" was not refused with FORBIDDEN']);
    expect(problems(valid(mutation, 'admin'), answer(200, { data: { deleteActor: { userErrors: [] } } }))).toEqual([]);
    expect(problems(valid(query, 'revoked'), answer(200, { data: { actor: { id: 'actor:iran' } } }))).toEqual(['a request with a revoked key was not refused with UNAUTHENTICATED']);
    expect(problems(valid({ ...query, operationType: 'subscription' }), answer(200, { data: { revisionAdded: null } }))).toEqual(['a subscription over HTTP was not refused']);
  });
});
