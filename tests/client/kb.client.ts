/**
 * A typed client over the generated documents, as a client developer would write one: the
 * variables and the answer of every call are typed from the schema and the example
 * operation, so a schema change that breaks an example fails `npm run typecheck` here.
 */
import { GraphQLClient } from 'graphql-request';
import { ActorProfileDocument, BlockingIssuesDocument, TimelineDocument, type BlockingIssuesQuery } from './operations.generated.js';

export type BlockingIssue = BlockingIssuesQuery['blockingIssues'][number];

export interface KbClient {
  blockingIssues(parties: string[]): Promise<BlockingIssue[]>;
  actorName(id: string): Promise<string>;
  undatedEventTitles(): Promise<string[]>;
}

export function kbClient(endpoint: string): KbClient {
  const client = new GraphQLClient(endpoint);
  return {
    async blockingIssues(parties) {
      return (await client.request(BlockingIssuesDocument, { parties })).blockingIssues;
    },
    async actorName(id) {
      return (await client.request(ActorProfileDocument, { id })).actor.name;
    },
    async undatedEventTitles() {
      const { timeline } = await client.request(TimelineDocument);
      return timeline.filter((entry) => !entry.dated).map((entry) => entry.event.title);
    },
  };
}
