/**
 * Roles, checked before anything is read or written. type-graphql runs `authChecker` for a
 * field marked `@Authorized(role)` before its resolver; the request-level checks (a key that
 * is not live, reads closed with `READS=key`) run in an Apollo plugin before execution.
 * Both fail closed: no viewer is UNAUTHENTICATED, too low a role FORBIDDEN.
 */
import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context.js';
import { Role, ROLE_RANK } from '../shared/enums.js';
import type { KeyRefusal } from './keys.js';

const REFUSALS: Record<KeyRefusal, string> = {
  malformed: 'the Authorization header must be "Bearer kb_<prefix>_<secret>"',
  unknown: 'the API key is not known to this server',
  revoked: 'the API key has been revoked',
};

export function unauthenticated(why: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${why}.`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function refusalError(refusal: KeyRefusal): GraphQLError {
  return unauthenticated(REFUSALS[refusal]);
}

/**
 * Request-level access, before execution: a key that was sent but is not live is refused
 * for every operation (a client should hear its key is wrong, not be served anonymously),
 * and while reads are closed (`READS=key`) nothing runs without a key. Null: let it run.
 */
export function accessRefusal(auth: Pick<Context, 'keyRefusal' | 'viewer' | 'readsOpen'>): GraphQLError | null {
  if (auth.keyRefusal) return refusalError(auth.keyRefusal);
  if (!auth.readsOpen && !auth.viewer) return unauthenticated('reads need an API key here (READS=key): send Authorization: Bearer <key>');
  return null;
}

/** The least role that satisfies a list of roles (the lowest rank named). */
export function requiredRole(roles: readonly string[]): Role {
  const known = roles.filter((r): r is Role => r in ROLE_RANK);
  // A field marked @Authorized() with no role, or with an unknown one, needs the highest role: fail closed.
  if (known.length === 0) return Role.ADMIN;
  return known.reduce((least, r) => (ROLE_RANK[r] < ROLE_RANK[least] ? r : least));
}

export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (context.keyRefusal) throw refusalError(context.keyRefusal);
  const needed = requiredRole(roles);
  // READER is what reading takes: nothing while reads are open.
  if (needed === Role.READER && context.readsOpen) return true;
  if (!context.viewer) throw unauthenticated('this operation needs an API key (Authorization: Bearer <key>)');
  if (ROLE_RANK[context.viewer.role] < ROLE_RANK[needed]) {
    throw new GraphQLError(`Forbidden: this needs the ${needed} role; the key "${context.viewer.prefix}" has ${context.viewer.role}.`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return true;
};
