import { GraphQLError } from 'graphql';
import { Arg, Authorized, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { refusalError } from '../auth/auth-checker.js';
import { isLive } from '../auth/keys.js';
import type { Context } from '../context.js';
import type { RevisionRow } from '../db/tables.js';
import { Revision } from '../modules/revision/revision.type.js';
import { Role } from '../shared/enums.js';
import { badUserInput } from '../shared/errors.js';
import { eventMatches, revisionFeed, type RevisionEvent } from './revision-feed.js';

interface RevisionAddedArgs {
  node?: string | null;
  type?: string | null;
  afterRevision?: number | null;
}

/** The events one subscriber receives: the feed's, filtered, and none once its key is revoked. */
async function* revisionsFor(context: Context, args: RevisionAddedArgs): AsyncGenerator<RevisionEvent> {
  if (args.afterRevision != null && args.afterRevision < 0) throw badUserInput('afterRevision', `must be 0 or more (got ${args.afterRevision})`);
  const feed = revisionFeed(context.engine);
  if (!feed) throw new Error('revisionAdded: no revision feed was started for this database (buildServer starts it)');
  for await (const event of feed.subscribe(args.afterRevision ?? null)) {
    if (!(await eventMatches(context.engine, event, args.node, args.type))) continue;
    // A subscriber whose key has been revoked since it subscribed is told so, and hears nothing more.
    if (context.viewer !== null && !(await isLive(context.engine, context.viewer.keyId))) throw refusalError('revoked');
    yield event;
  }
}

@Resolver()
export class LiveResolver {
  // READER: open to anyone while reads are open, and to a key of any role when READS=key.
  @Authorized(Role.READER)
  @Subscription(() => Revision, {
    subscribe: ({ args, context }) => revisionsFor(context as Context, args as RevisionAddedArgs),
    description:
      'Each new revision as it is written (over the graphql-ws protocol at /graphql), exactly once and in increasing number, whichever server wrote it; optionally only those changing one node or one type of node. With afterRevision, first every revision numbered after it.',
  })
  revisionAdded(
    @Root() event: RevisionEvent,
    @Arg('node', () => ID, { nullable: true, description: 'Only revisions that change this node (an entity or relation id).' }) _node: string | null,
    @Arg('type', () => String, { nullable: true, description: 'Only revisions that change a node of this type (Actor, Event, Statement, Issue, Position, Source, ActorRelation …).' }) _type: string | null,
    @Arg('afterRevision', () => Int, {
      nullable: true,
      description: 'Send every revision numbered after this one first (oldest first, filters applied), then the new ones: a client that reconnects with the last number it saw misses nothing and sees nothing twice.',
    })
    _afterRevision: number | null,
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
