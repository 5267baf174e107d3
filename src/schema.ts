/** Builds the GraphQL schema from the resolvers, and prints it sorted (schema/schema.graphql). */
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from './auth/auth-checker.js';
import { LiveResolver } from './live/live.resolver.js';
import './shared/enums.graphql.js';
import { ActorRelationResolver, ActorResolver, AffiliationResolver } from './modules/actor/actor.resolver.js';
import { EventRelationResolver, EventResolver, ParticipantResolver } from './modules/event/event.resolver.js';
import { EvidenceResolver } from './modules/evidence/evidence.resolver.js';
import { FactualityResolver } from './modules/factuality/factuality.resolver.js';
import { IssueResolver, ObstacleResolver } from './modules/issue/issue.resolver.js';
import { NodeResolver } from './modules/node/node.resolver.js';
import { Place } from './modules/place/place.type.js';
import { PositionResolver } from './modules/position/position.resolver.js';
import {
  BlockingIssueResolver, ContradictionResolver, CountBucketResolver, IssueAlignmentResolver, QuestionResolver, SearchHitResolver, TimelineEntryResolver,
} from './modules/question/question.resolver.js';
import { ChangeResolver, RevisionResolver } from './modules/revision/revision.resolver.js';
import { DisputeResolver, EventReportsResolver, PositionReportsResolver, ReportResolver, StatementReportsResolver } from './modules/report/report.resolver.js';
import { SourceResolver } from './modules/source/source.resolver.js';
import { WriteResolver } from './modules/write/write.resolver.js';
import { MergeResolver } from './modules/write/merge.resolver.js';
import { DuplicateCandidateResolver, DuplicateResolver } from './modules/duplicate/duplicate.resolver.js';
import { StatementRelationResolver, StatementResolver } from './modules/statement/statement.resolver.js';

export function buildKbSchema(): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: [
      NodeResolver, ActorResolver, AffiliationResolver, ActorRelationResolver, EventResolver, ParticipantResolver,
      EventRelationResolver, StatementResolver, StatementRelationResolver, IssueResolver, ObstacleResolver,
      PositionResolver, SourceResolver, EvidenceResolver, FactualityResolver, QuestionResolver, BlockingIssueResolver, IssueAlignmentResolver,
      ContradictionResolver, TimelineEntryResolver, SearchHitResolver, CountBucketResolver, RevisionResolver, ChangeResolver, WriteResolver, LiveResolver,
      MergeResolver, DuplicateResolver, DuplicateCandidateResolver,
      ReportResolver, DisputeResolver, EventReportsResolver, StatementReportsResolver, PositionReportsResolver,
    ],
    // Place is reachable only through Event.location and node(); list it so it is always built.
    orphanedTypes: [Place],
    validate: false,
    // type-graphql would run an introspection query over the schema to check it: a tenth of a
    // cold start. Apollo Server asserts the schema valid when it is made (`assertValidSchema`),
    // so an invalid schema still stops the start; the schema tests print and introspect it.
    skipCheck: true,
    authChecker,
    // type-graphql demands a pub/sub even when every subscription brings its own stream, as
    // revisionAdded does (src/live/revision-feed.ts); nothing publishes through this one.
    pubSub: { publish: () => {}, subscribe: () => { throw new Error('no topics: subscriptions bring their own streams'); } },
    // A field marked @Authorized is refused unless the checker allows it; nothing is open by mistake.
    authMode: 'error',
  });
  // type-graphql offers no option for the root type's description; it ships in the SDL too.
  schema.getSubscriptionType()!.description = 'Live updates over the graphql-ws protocol on /graphql (same port); a key, when reads need one, goes in the connection parameters as `authorization: "Bearer <key>"`.';
  schema.getMutationType()!.description =
    'Writes: each is one transaction and one revision, authored by the API key sent (`Authorization: Bearer <key>`), refused with UNAUTHENTICATED without a key and FORBIDDEN below the role it names; expected refusals come back as `userErrors`, and then nothing is written.';
  schema.getQueryType()!.description =
    'The knowledge base: entities by id, lists of actors, events, statements, issues, positions and sources, and the questions researchers ask of them.';
  return schema;
}

export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
