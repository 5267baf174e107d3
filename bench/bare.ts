/**
 * The floor of `overheadRatio` (`npm run bench`): a bare Apollo Server on fastify, the same
 * @apollo/server and @as-integrations/fastify as the product, with Apollo's defaults and a
 * minimal schema, answering the mix's `Node` operation from a constant. What it costs is what
 * the stack itself costs per request (fastify, Apollo's request pipeline, graphql-js parsing,
 * validating and executing four fields), so the `Node` lookup's requests per second over this
 * server's are the share of the stack's fixed cost the product keeps, not its SQL.
 *
 * The constant is the product's own answer, given by the bench in BARE_NODE (the JSON of the
 * `node` field): the run checks, as for every side, that both answer the same bytes before any
 * load and after each measurement.
 *
 * Run as its own process: `node dist/bench/bare.js` with PORT and BARE_NODE.
 */
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';

const node = JSON.parse(process.env.BARE_NODE ?? 'null') as ({ id: string } & Record<string, unknown>) | null;
if (!node) throw new Error('bench/bare.js: BARE_NODE (the JSON of the node to answer) is required');
/** The constant's own fields, as the schema's: the Node operation asks the interface's `id` and a statement's fields. */
const fields = Object.keys(node).filter((f) => f !== 'id');

const typeDefs = `#graphql
  interface Node { id: ID! }
  type Statement implements Node { id: ID! ${fields.map((f) => `${f}: String`).join(' ')} }
  type Query { node(id: ID!): Node }
`;
const resolvers = {
  Query: { node: () => node },
  Node: { __resolveType: () => 'Statement' },
};

const app = Fastify();
const apollo = new ApolloServer({ typeDefs, resolvers, plugins: [fastifyApolloDrainPlugin(app)] });
await apollo.start();
await app.register(fastifyApollo(apollo));
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
