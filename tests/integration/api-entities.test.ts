/**
 * The entity API over real HTTP on a seeded database: nodes, connections, filters, orders,
 * relations on both ends, provenance, and every kind of bad input; on SQLite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engines.js';
import { useSeededServer } from '../helpers/seeded-server.js';

const ids = (conn: { edges: { node: { id: string } }[] }) => conn.edges.map((e) => e.node.id);

describe.each(testEngines())('The entity API on $engine', ({ engine }) => {
  const suite = useSeededServer(engine, 'api_entities');

  describe('API: serving', () => {
    it('answers GET /health with 200 once the database is open and migrated', async () => {
      const res = await fetch(`${suite.server.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('answers a query sent with GET', async () => {
      const res = await fetch(`${suite.server.url}/graphql?query=${encodeURIComponent('{ actor(id: "actor:iran") { name } }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { actor: { name: 'Iran' } } });
    });
  });

  describe('API: nodes by readable id', () => {
    it('resolves any entity type through node(id)', async () => {
      const res = await suite.server.gql(`{ nodes(ids: ["actor:iran", "issue:sanctions-relief", "event:oman-talks-first-round", "statement:iran-denies-messages", "position:iran-sanctions-relief", "place:muscat", "source:us-iran-second-round-talks"]) { __typename id } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Actor', 'Issue', 'Event', 'Statement', 'Position', 'Place', 'Source']);
    });

    it('answers null for an unknown id from node, and null in its place from nodes', async () => {
      const res = await suite.server.gql(`{ node(id: "actor:atlantis") { id } bad: node(id: "nonsense") { id } nodes(ids: ["actor:iran", "actor:atlantis"]) { id } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ node: null, bad: null, nodes: [{ id: 'actor:iran' }, null] });
    });

    it('answers NOT_FOUND where a single entity is demanded', async () => {
      const res = await suite.server.gql(`{ actor(id: "actor:atlantis") { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toMatch(/actor:atlantis/);
    });

    it('answers BAD_USER_INPUT for an id of the wrong type', async () => {
      const res = await suite.server.gql(`{ issue(id: "actor:iran") { id } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
    });
  });

  describe('API: Relay connections page without loss', () => {
    it('walks every actor with first/after and counts them all', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let guard = 0; guard < 20; guard++) {
        const res: any = await suite.server.gql(`query($after: String) { actors(first: 5, after: $after, orderBy: {field: ID}) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
        expect(res.errors).toBeUndefined();
        total = res.data.actors.totalCount;
        seen.push(...ids(res.data.actors));
        if (!res.data.actors.pageInfo.hasNextPage) break;
        after = res.data.actors.pageInfo.endCursor;
      }
      expect(total).toBe(16);
      expect(seen).toHaveLength(16);
      expect([...seen].sort()).toEqual(seen);
      expect(new Set(seen).size).toBe(16);
    });

    it('pages backward with last/before', async () => {
      const all = await suite.server.gql(`{ issues(first: 100, orderBy: {field: ID}) { edges { cursor node { id } } } }`);
      const edges = all.data.issues.edges;
      const res = await suite.server.gql(`query($b: String) { issues(last: 2, before: $b, orderBy: {field: ID}) { edges { node { id } } pageInfo { hasPreviousPage hasNextPage } } }`, { b: edges[4].cursor });
      expect(ids(res.data.issues)).toEqual([edges[2].node.id, edges[3].node.id]);
      expect(res.data.issues.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true });
    });

    it('pages a nested to-many connection with its own total', async () => {
      const res = await suite.server.gql(`{ actor(id: "actor:iran") { statements(first: 2) { totalCount edges { node { id speaker { id } } } pageInfo { hasNextPage } } } }`);
      const conn = res.data.actor.statements;
      expect(conn.totalCount).toBeGreaterThan(2);
      expect(conn.edges).toHaveLength(2);
      expect(conn.pageInfo.hasNextPage).toBe(true);
      expect(conn.edges.every((e: any) => e.node.speaker.id === 'actor:iran')).toBe(true);
    });
  });

  describe('API: filters and orders', () => {
    it('finds a state by its capital', async () => {
      const res = await suite.server.gql(`{ actors(filter: {text: "tehran"}) { totalCount edges { node { id aliases } } } }`);
      expect(ids(res.data.actors)).toEqual(['actor:iran']);
    });

    it('filters actors by kind and by affiliation', async () => {
      const res = await suite.server.gql(`{ people: actors(filter: {kinds: [PERSON], affiliatedWith: "actor:iran"}, orderBy: {field: NAME}) { edges { node { id } } } }`);
      expect(ids(res.data.people)).toEqual(['actor:abbas-araghchi', 'actor:ali-khamenei']);
    });

    it('finds the claims resting on anonymous sources', async () => {
      const res = await suite.server.gql(`{ statements(filter: {attributionKinds: [ANONYMOUS_OFFICIALS]}) { edges { node { id attribution { kind detail } speaker { kind } } } } }`);
      expect(ids(res.data.statements)).toContain('statement:us-officials-military-preparations');
      for (const e of res.data.statements.edges) expect(e.node.attribution.kind).toBe('ANONYMOUS_OFFICIALS');
    });

    it('filters statements by party through affiliations', async () => {
      const direct = await suite.server.gql(`{ statements(first: 100, filter: {speaker: "actor:iran"}) { totalCount } }`);
      const party = await suite.server.gql(`{ statements(first: 100, filter: {party: "actor:iran"}) { totalCount edges { node { speaker { id } } } } }`);
      expect(party.errors).toBeUndefined();
      expect(party.data.statements.totalCount).toBeGreaterThan(direct.data.statements.totalCount);
    });

    it('filters events by status and orders them by title', async () => {
      const res = await suite.server.gql(`{ events(filter: {statuses: [UNDER_CONSIDERATION]}, orderBy: {field: TITLE, direction: DESC}) { edges { node { id status title } } } }`);
      const titles = res.data.events.edges.map((e: any) => e.node.title);
      expect(res.data.events.edges.length).toBeGreaterThan(0);
      expect(res.data.events.edges.every((e: any) => e.node.status === 'UNDER_CONSIDERATION')).toBe(true);
      expect(titles).toEqual([...titles].sort((a: string, b: string) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
    });

    it('finds the seed’s undated events with dateKnown: false (date ranges are tested on dated data elsewhere)', async () => {
      const unknown = await suite.server.gql(`{ events(first: 100, filter: {dateKnown: false}) { totalCount } all: events { totalCount } }`);
      expect(unknown.data.events.totalCount).toBe(unknown.data.all.totalCount);
    });

    it('orders a source’s evidence by length or by position', async () => {
      const res = await suite.server.gql(`{ source(id: "source:us-iran-second-round-talks") { longest: evidence(first: 5, orderBy: {field: LENGTH, direction: DESC}) { edges { node { start end } } } last: evidence(first: 1, orderBy: {field: START, direction: DESC}) { edges { node { start } } } all: evidence(first: 100) { edges { node { start end } } } } }`);
      const lengths = res.data.source.longest.edges.map((e: any) => e.node.end - e.node.start);
      expect(lengths).toEqual([...lengths].sort((a: number, b: number) => b - a));
      const allStarts = res.data.source.all.edges.map((e: any) => e.node.start);
      expect(res.data.source.last.edges[0].node.start).toBeGreaterThanOrEqual(Math.max(...allStarts));
    });

    it('filters positions by stance and precondition', async () => {
      const res = await suite.server.gql(`{ positions(filter: {isPrecondition: true}) { edges { node { id stance actor { id } issue { id } } } } }`);
      expect(res.data.positions.edges.map((e: any) => [e.node.actor.id, e.node.issue.id, e.node.stance])).toContainEqual(['actor:iran', 'issue:sanctions-relief', 'DEMANDS']);
    });
  });

  describe('API: relations show on both ends', () => {
    it('reads SUPPORTS on Russia and SUPPORTED_BY on Iran', async () => {
      const res = await suite.server.gql(`{ russia: actor(id: "actor:russia") { relations { kind actor { id } evidence { exact } } } iran: actor(id: "actor:iran") { relations { kind actor { id } } } }`);
      expect(res.data.russia.relations).toContainEqual({ kind: 'SUPPORTS', actor: { id: 'actor:iran' }, evidence: [{ exact: 'Russia’s support for Iran' }] });
      expect(res.data.iran.relations).toContainEqual({ kind: 'SUPPORTED_BY', actor: { id: 'actor:russia' } });
    });

    it('reads DENIES on the denial and DENIED_BY on the reports, RESPONDS_TO on the denial and RESPONDED_BY on Turkey’s claims', async () => {
      const res = await suite.server.gql(
        `{ d: statement(id: "statement:iran-denies-messages") { relations { kind certainty statement { id } } } r: statement(id: "statement:reports-of-direct-communication") { relations { kind statement { id } } } t: statement(id: "statement:turkey-claims-direct-communication") { relations { kind statement { id } } } }`,
      );
      // Both stated outright: "Iran has denied reports of direct communication with the U.S." and "This denial came in response to claims made by Turkey".
      expect(res.data.d.relations).toHaveLength(2);
      expect(res.data.d.relations).toEqual(expect.arrayContaining([
        { kind: 'DENIES', certainty: 'CERTAIN', statement: { id: 'statement:reports-of-direct-communication' } },
        { kind: 'RESPONDS_TO', certainty: 'CERTAIN', statement: { id: 'statement:turkey-claims-direct-communication' } },
      ]));
      expect(res.data.r.relations).toEqual([{ kind: 'DENIED_BY', statement: { id: 'statement:iran-denies-messages' } }]);
      expect(res.data.t.relations).toEqual([{ kind: 'RESPONDED_BY', statement: { id: 'statement:iran-denies-messages' } }]);
    });

    it('records that two tellings may be one meeting, on both ends, with how sure', async () => {
      const res = await suite.server.gql(
        `{ m: event(id: "event:muscat-meeting-araghchi-witkoff") { relations { kind certainty event { id } } } o: event(id: "event:oman-talks-first-round") { relations { kind certainty note event { id } } } }`,
      );
      expect(res.data.m.relations).toContainEqual({ kind: 'SAME_AS', certainty: 'POSSIBLE', event: { id: 'event:oman-talks-first-round' } });
      expect(res.data.o.relations).toContainEqual(expect.objectContaining({ kind: 'SAME_AS', certainty: 'POSSIBLE', event: { id: 'event:muscat-meeting-araghchi-witkoff' } }));
    });

    it('says what an actor relation bears on: Russia opposes U.S. policies in the region', async () => {
      const res = await suite.server.gql(`{ actor(id: "actor:russia") { relations { kind note certainty actor { id } } } }`);
      expect(res.data.actor.relations).toContainEqual({ kind: 'OPPOSES', note: 'to U.S. policies in the region', certainty: 'CERTAIN', actor: { id: 'actor:united-states' } });
    });

    it('reads AFTER on the later event and BEFORE on the earlier one', async () => {
      const res = await suite.server.gql(`{ e: event(id: "event:oman-talks-first-round") { relations { kind note event { id } } } }`);
      expect(res.data.e.relations).toContainEqual(expect.objectContaining({ kind: 'BEFORE', event: { id: 'event:second-round-talks' } }));
    });
  });

  describe('API: provenance and partial dates', () => {
    it('gives evidence as a W3C text selector whose offsets count code points', async () => {
      const res = await suite.server.gql(`{ source(id: "source:us-iran-second-round-talks") { text evidence(first: 100) { totalCount edges { node { start end exact prefix suffix cites { id } } } } } }`);
      const { text, evidence } = res.data.source;
      const points = [...text];
      expect(evidence.totalCount).toBeGreaterThan(100);
      for (const { node } of evidence.edges) {
        expect(points.slice(node.start, node.end).join('')).toBe(node.exact);
        expect(points.slice(Math.max(0, node.start - 32), node.start).join('')).toBe(node.prefix);
      }
      const starts = evidence.edges.map((e: any) => e.node.start);
      expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b));
    });

    it('reports a date the article leaves out as UNKNOWN with nothing filled in', async () => {
      const res = await suite.server.gql(`{ event(id: "event:twelve-day-conflict") { durationDays start { precision year month day iso note } participants { role actor { id } } } }`);
      expect(res.data.event.durationDays).toBe(12);
      expect(res.data.event.start).toMatchObject({ precision: 'UNKNOWN', year: null, month: null, day: null, iso: null });
      expect(res.data.event.participants).toContainEqual({ role: 'INITIATOR', actor: { id: 'actor:israel' } });
    });
  });

  describe('API: bad input is a clear error, never a 500', () => {
    const cases: [string, string, string][] = [
      ['first over 100', `{ actors(first: 101) { totalCount } }`, 'first'],
      ['a negative first', `{ actors(first: -1) { totalCount } }`, 'first'],
      ['a malformed cursor', `{ actors(after: "%%%") { totalCount } }`, 'after'],
      ['a cursor from another list', `{ actors(after: "${Buffer.from('events:1').toString('base64url')}") { totalCount } }`, 'after'],
      ['an unknown enum value', `{ actors(filter: {kinds: [PLANET]}) { totalCount } }`, 'filter.kinds'],
      ['an unknown order field', `{ events(orderBy: {field: COLOUR}) { totalCount } }`, 'orderBy.field'],
      ['a malformed date bound', `{ events(filter: {startFrom: "last year"}) { totalCount } }`, 'filter.startFrom'],
      ['a related id of the wrong type', `{ statements(filter: {issue: "actor:iran"}) { totalCount } }`, 'filter.issue'],
      ['first over 100 in a nested list', `{ actors(first: 1) { edges { node { statements(first: 1000) { totalCount } } } } }`, 'first'],
      ['an empty cursor', `{ actors(after: "") { totalCount } }`, 'after'],
      ['a date that does not exist', `{ events(filter: {startFrom: "2025-02-31"}) { totalCount } }`, 'filter.startFrom'],
      ['an empty date bound', `{ events(filter: {startTo: ""}) { totalCount } }`, 'filter.startTo'],
      ['more than 100 ids in a filter', `{ actors(filter: {ids: [${Array.from({ length: 101 }, (_, i) => `"actor:a${i}"`).join(', ')}]}) { totalCount } }`, 'filter.ids'],
      ['more than 100 parties', `{ blockingIssues(parties: [${Array.from({ length: 101 }, (_, i) => `"actor:a${i}"`).join(', ')}]) { rule } }`, 'parties'],
    ];
    for (const [what, query, argumentName] of cases) {
      it(`answers ${what} with BAD_USER_INPUT naming "${argumentName}"`, async () => {
        const res = await suite.server.gql(query);
        expect(res.status).toBeLessThan(500);
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
        expect(res.errors?.[0]?.message).toContain(argumentName);
        expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.js:\d+/);
      });
    }

    it('refuses an unknown mutation or subscription field at validation, before anything runs', async () => {
      for (const op of ['mutation { x }', 'subscription { x }']) {
        const res = await suite.server.gql(op);
        expect(res.status).toBe(400);
        expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    });

    it('answers a bad variable value with BAD_USER_INPUT, not a 500', async () => {
      const res = await suite.server.gql(`query($k: [ActorKind!]) { actors(filter: {kinds: $k}) { totalCount } }`, { k: ['PLANET'] });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('API: how sure each fact is', () => {
    it('gives a plain fact as CERTAIN and POSITIVE in the source’s own voice, with no cue', async () => {
      const res = await suite.server.gql(`{ event(id: "event:twelve-day-conflict") { factuality { certainty polarity holder { id } cues { exact } } } }`);
      expect(res.data.event.factuality).toEqual({ certainty: 'CERTAIN', polarity: 'POSITIVE', holder: null, cues: [] });
    });

    it('gives the conditional U.S. stance on sanctions relief as PROBABLE, cued by “is likely to”, with what it asks in return', async () => {
      const res = await suite.server.gql(
        `{ position(id: "position:us-sanctions-relief") { stance conditions { id } factuality { certainty polarity holder { id } cues { exact start end cites { id } source { id } } } } }`,
      );
      const { position } = res.data;
      expect(position.stance).toBe('CONDITIONAL');
      expect(position.conditions).toEqual([{ id: 'issue:nuclear-program-limits' }, { id: 'issue:regional-destabilizing-activities' }]);
      expect(position.factuality).toMatchObject({ certainty: 'PROBABLE', polarity: 'POSITIVE', holder: null });
      expect(position.factuality.cues).toEqual([
        expect.objectContaining({ exact: 'is likely to', cites: { id: 'position:us-sanctions-relief' }, source: { id: 'source:us-iran-second-round-talks' } }),
      ]);
    });

    it('names the holder the source relays: a statement’s speaker, the anonymous officials of a report', async () => {
      const res = await suite.server.gql(
        `{ s: statement(id: "statement:turkey-cautions-missile-expansion") { factuality { certainty holder { id } cues { exact } } }
         r: statement(id: "statement:us-officials-military-preparations") { factuality { certainty holder { id } cues { exact } } }
         e: event(id: "event:us-military-preparations") { factuality { certainty holder { id } } } }`,
      );
      expect(res.data.s.factuality).toEqual({ certainty: 'POSSIBLE', holder: { id: 'actor:turkey' }, cues: [{ exact: 'could provoke' }] });
      expect(res.data.r.factuality).toEqual({ certainty: 'CERTAIN', holder: { id: 'actor:us-officials-anonymous' }, cues: [{ exact: 'according to U.S. Officials speaking on condition of anonymity' }] });
      // The source then states the preparations in its own voice.
      expect(res.data.e.factuality).toEqual({ certainty: 'CERTAIN', holder: null });
    });

    it('keeps an unstated position unstated: Iran maintains a firm position on its missile program, not said to be what', async () => {
      const res = await suite.server.gql(`{ position(id: "position:iran-missile-program") { stance firmness conditions { id } } }`);
      expect(res.data.position).toEqual({ stance: 'UNSPECIFIED', firmness: 'FIRM', conditions: [] });
    });

    it('filters events, statements and positions by minimum certainty', async () => {
      const res = await suite.server.gql(`{
      allPositions: positions { totalCount } certainPositions: positions(filter: { minCertainty: CERTAIN }) { totalCount edges { node { factuality { certainty } } } }
      probableStatements: statements(filter: { minCertainty: PROBABLE }) { totalCount edges { node { factuality { certainty } } } }
      possibleEvents: events(filter: { minCertainty: POSSIBLE }) { totalCount } allEvents: events(filter: { minCertainty: UNDERSPECIFIED }) { totalCount }
    }`);
      expect(res.errors).toBeUndefined();
      const { allPositions, certainPositions, probableStatements, possibleEvents, allEvents } = res.data;
      // Six positions are hedged: the U.S. forecasts and Turkey's caution read as opposition (probable, four) and the trade matters' "potential willingness" (possible, two).
      expect([allPositions.totalCount, certainPositions.totalCount]).toEqual([10, 4]);
      expect(new Set(certainPositions.edges.map((e: any) => e.node.factuality.certainty))).toEqual(new Set(['CERTAIN']));
      expect(new Set(probableStatements.edges.map((e: any) => e.node.factuality.certainty))).toEqual(new Set(['CERTAIN', 'PROBABLE']));
      expect([allEvents.totalCount, possibleEvents.totalCount]).toEqual([14, 13]);
    });

    it('gives each actor the party it speaks for, by the affiliation walk the questions use', async () => {
      const res = await suite.server.gql(`{ actors(first: 100) { edges { node { id party { id } } } } }`);
      const party = new Map(res.data.actors.edges.map((e: any) => [e.node.id, e.node.party.id]));
      expect(party.get('actor:abbas-araghchi')).toBe('actor:iran');
      expect(party.get('actor:us-officials-anonymous')).toBe('actor:united-states');
      expect(party.get('actor:iran')).toBe('actor:iran');
      expect(party.get('actor:turkey')).toBe('actor:turkey');
    });
  });
});
