/**
 * The errors a user can cause. Each carries `extensions.code` so clients can branch on it,
 * and a bad argument names the argument (`extensions.argumentName`) as well as saying why.
 */
import { GraphQLError } from 'graphql';

export function badUserInput(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argumentName}": ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName },
  });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`No ${what} with id "${id}"`, { extensions: { code: 'NOT_FOUND', id } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
