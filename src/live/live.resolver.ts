import { GraphQLError } from 'graphql';
import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import { isLive } from '../auth/keys.js';
import type { Context } from '../context.js';
import type { RevisionRow } from '../db/tables.js';
import { Revision } from '../modules/revision/revision.type.js';
import { Role } from '../shared/enums.js';
import { eventMatches, REVISION_ADDED, type RevisionEvent } from './revision-events.js';

@Resolver()
export class LiveResolver {
  // READER: open to anyone while reads are open, and to a key of any role when READS=key.
  @Authorized(Role.READER)
  @Subscription(() => Revision, {
    topics: REVISION_ADDED,
    // A subscriber whose key has been revoked since it subscribed hears nothing more.
    filter: async ({ payload, args, context }: { payload: RevisionEvent; args: { node?: string | null; type?: string | null }; context: Context }) =>
      eventMatches(payload, args.node, args.type) && (context.viewer === null || (await isLive(context.engine, context.viewer.keyId))),
    description: 'Each new revision as it is written (over the graphql-ws protocol at /graphql), optionally only those changing one node or one type of node.',
  })
  revisionAdded(
    @Root() event: RevisionEvent,
    @Arg('node', () => ID, { nullable: true, description: 'Only revisions that change this node (an entity or relation id).' }) _node: string | null,
    @Arg('type', () => String, { nullable: true, description: 'Only revisions that change a node of this type (Actor, Event, Statement, Issue, Position, Source, ActorRelation …).' }) _type: string | null,
  ): RevisionRow {
    // Over HTTP, Apollo executes a subscription like a query: no event, so nothing to send but
    // a refusal the client can act on (it used to be a TypeError, an INTERNAL_SERVER_ERROR).
    if (event === undefined) {
      throw new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP.', {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      });
    }
    return event.revision;
  }
}
