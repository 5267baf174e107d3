/**
 * The researchers' questions against the seeded article, over real HTTP: the answers the
 * article supports, and the bad inputs; on SQLite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engines.js';
import { useSeededServer } from '../helpers/seeded-server.js';

const US_IRAN = '["actor:united-states", "actor:iran"]';

describe.each(testEngines())('The questions on $engine', ({ engine }) => {
  const suite = useSeededServer(engine, 'questions');

  describe('Questions: which issues block agreement between the United States and Iran', () => {
    it('returns the missile program as a certain stated obstacle, and sanctions relief as a probable unmet precondition', async () => {
      const res = await suite.server.gql(`{ blockingIssues(parties: ${US_IRAN}) { issue { id } rule rules severity certainty reasons positions { id } evidence { exact } obstacles { id } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.blockingIssues.map((b: any) => b.issue.id)).toEqual(['issue:sanctions-relief', 'issue:ballistic-missile-program']);
      const byId = new Map(res.data.blockingIssues.map((b: any) => [b.issue.id, b]));
      const missile: any = byId.get('issue:ballistic-missile-program');
      const sanctions: any = byId.get('issue:sanctions-relief');
      expect(missile).toMatchObject({ rules: ['EXPLICIT_OBSTACLE'], certainty: 'CERTAIN', severity: 3, positions: [] });
      expect(missile.evidence.map((e: any) => e.exact)).toContainEqual(expect.stringContaining('sticking point'));
      expect(sanctions).toMatchObject({ rule: 'UNMET_PRECONDITION', rules: ['UNMET_PRECONDITION'], certainty: 'PROBABLE', severity: 5 });
      expect(sanctions.positions.map((p: any) => p.id).sort()).toEqual(['position:iran-sanctions-relief', 'position:us-sanctions-relief']);
      expect(sanctions.reasons).toEqual([
        'Iran demands "Lifting of sanctions on Iran" as a precondition; by the source\'s own reading (probable), United States accepts it only in return for concessions including "Verifiable limits on Iran’s nuclear program" and "A commitment by Iran to refrain from destabilizing activities in the region"',
      ]);
      expect(sanctions.evidence.map((e: any) => e.exact)).toContainEqual(expect.stringContaining('is likely to demand significant concessions'));
      expect(byId.has('issue:trade-and-economic-matters')).toBe(false);
    });

    it('keeps only what the source states plainly with minCertainty: CERTAIN', async () => {
      const res = await suite.server.gql(`{ blockingIssues(parties: ${US_IRAN}, minCertainty: CERTAIN) { issue { id } certainty } }`);
      expect(res.data.blockingIssues).toEqual([{ issue: { id: 'issue:ballistic-missile-program' }, certainty: 'CERTAIN' }]);
    });

    it('refuses an unknown minCertainty with BAD_USER_INPUT naming the argument, on every question', async () => {
      for (const field of ['blockingIssues', 'commonGround', 'contradictions', 'timeline']) {
        const res = await suite.server.gql(`{ ${field}(minCertainty: SURE) { __typename } }`);
        expect(res.status, field).toBe(400);
        expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'minCertainty' });
      }
    });

    it('refuses unknown party ids with BAD_USER_INPUT naming the argument', async () => {
      const res = await suite.server.gql(`{ blockingIssues(parties: ["actor:atlantis", "actor:iran"]) { issue { id } } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'parties' });
      expect(res.errors?.[0]?.message).toContain('actor:atlantis');
    });
  });

  describe('Questions: where the United States and Iran already agree', () => {
    it('returns the trade matters, spoken through their officials', async () => {
      const res = await suite.server.gql(`{ commonGround(parties: ${US_IRAN}) { complete issue { id } positions { actor { id affiliations { organization { id } } } } } }`);
      const ids = res.data.commonGround.map((c: any) => c.issue.id);
      expect(ids).toContain('issue:trade-and-economic-matters');
      expect(ids).not.toContain('issue:sanctions-relief');
      expect(ids).not.toContain('issue:ballistic-missile-program');
      const trade = res.data.commonGround.find((c: any) => c.issue.id === 'issue:trade-and-economic-matters');
      expect(trade.positions.map((p: any) => p.actor.id).sort()).toEqual(['actor:abbas-araghchi', 'actor:steve-witkoff']);
    });

    it('says how sure each alignment is: the trade matters only possible ("a potential willingness"), the second round certain', async () => {
      const res = await suite.server.gql(`{ commonGround(parties: ${US_IRAN}) { issue { id } certainty positions { factuality { certainty cues { exact } } } } }`);
      expect(res.data.commonGround.map((c: any) => [c.issue.id, c.certainty])).toEqual([
        ['issue:second-round-of-talks', 'CERTAIN'],
        ['issue:trade-and-economic-matters', 'POSSIBLE'],
      ]);
      const trade = res.data.commonGround[1];
      expect(trade.positions[0].factuality).toEqual({ certainty: 'POSSIBLE', cues: [{ exact: 'a potential willingness' }] });
      const sure = await suite.server.gql(`{ commonGround(parties: ${US_IRAN}, minCertainty: PROBABLE) { issue { id } } }`);
      expect(sure.data.commonGround.map((c: any) => c.issue.id)).toEqual(['issue:second-round-of-talks']);
    });

    it('names the silent party when asked, and never counts silence as agreement', async () => {
      const res = await suite.server.gql(`{ commonGround(parties: ${US_IRAN}, includeSilent: true) { complete issue { id } silentParties { id } } }`);
      const limits = res.data.commonGround.find((c: any) => c.issue.id === 'issue:nuclear-program-limits');
      expect(limits).toEqual({ complete: false, issue: { id: 'issue:nuclear-program-limits' }, silentParties: [{ id: 'actor:iran' }] });
      const strict = await suite.server.gql(`{ commonGround(parties: ${US_IRAN}) { issue { id } } }`);
      expect(strict.data.commonGround.map((c: any) => c.issue.id)).not.toContain('issue:nuclear-program-limits');
    });
  });

  describe('Seed: read once more (issue 19)', () => {
    it('states the sanctions’ impact plainly and only the relief a lifting could bring as possible', async () => {
      const res = await suite.server.gql(`{ i: statement(id: "statement:analysis-sanctions-impact") { summary factuality { certainty cues { exact } } evidence { exact } } r: statement(id: "statement:analysis-sanctions-lifting-relief") { summary factuality { certainty cues { exact } } evidence { exact } } }`);
      expect(res.data.i).toEqual({ summary: "Iran's economy has been severely impacted by sanctions.", factuality: { certainty: 'CERTAIN', cues: [] }, evidence: [{ exact: 'Iran’s economy has been severely impacted by sanctions' }] });
      expect(res.data.r.factuality).toEqual({ certainty: 'POSSIBLE', cues: [{ exact: 'could provide' }] });
      expect(res.data.r.evidence).toEqual([{ exact: 'a lifting of those restrictions could provide much-needed relief' }]);
    });

    it('keeps "potential" in the glimmer of hope', async () => {
      const res = await suite.server.gql(`{ statement(id: "statement:analysis-glimmer-of-hope") { summary } }`);
      expect(res.data.statement.summary).toMatch(/^The potential for a second round of talks offers a glimmer of hope/);
    });

    it('does not read Araghchi’s or Witkoff’s position into the unattributed “reports suggest”', async () => {
      const res = await suite.server.gql(`{ a: position(id: "position:araghchi-trade-matters") { statements { id } } w: position(id: "position:witkoff-trade-matters") { statements { id } } r: statement(id: "statement:reports-economic-issues-in-framework") { speaker { id } attribution { kind } positions { id } } }`);
      expect(res.data.a.statements).toEqual([{ id: 'statement:analysis-willingness-both-sides' }]);
      expect(res.data.w.statements).toEqual([{ id: 'statement:analysis-willingness-both-sides' }]);
      expect(res.data.r).toEqual({ speaker: null, attribution: { kind: 'UNATTRIBUTED_REPORTS' }, positions: [] });
    });
  });

  describe('Questions: who denied what, in answer to whom', () => {
    it('pairs Iran’s denial with the reports it denies, made in answer to Turkey’s claims', async () => {
      const res = await suite.server.gql(
        `{ contradictions { basis reason certainty first { id speaker { id } factuality { polarity cues { exact } } relations { kind certainty statement { id } } } second { id kind summary speaker { id } attribution { kind } } } }`,
      );
      expect(res.data.contradictions).toHaveLength(1);
      const [denial] = res.data.contradictions;
      // "Iran has denied reports of direct communication with the U.S. … This denial came in response to claims made by Turkey": both stated outright.
      expect(denial).toMatchObject({ basis: 'DENIAL', certainty: 'CERTAIN', reason: 'Iran denies what an unnamed source said, in response to Turkey' });
      expect(denial.first.speaker.id).toBe('actor:iran');
      expect(denial.first.factuality).toEqual({ polarity: 'NEGATIVE', cues: [{ exact: 'has denied' }, { exact: 'has not transmitted' }] });
      expect(denial.first.relations).toEqual(expect.arrayContaining([
        { kind: 'DENIES', certainty: 'CERTAIN', statement: { id: 'statement:reports-of-direct-communication' } },
        { kind: 'RESPONDS_TO', certainty: 'CERTAIN', statement: { id: 'statement:turkey-claims-direct-communication' } },
      ]));
      expect(denial.first.relations).toHaveLength(2);
      expect(denial.second).toMatchObject({ id: 'statement:reports-of-direct-communication', kind: 'REPORT', speaker: null, attribution: { kind: 'UNATTRIBUTED_REPORTS' } });
      expect(denial.second.summary).toContain('direct communication');
      // Both relations are certain, so the denial still answers Turkey when only certain facts count.
      const certainOnly = await suite.server.gql(`{ contradictions(minCertainty: CERTAIN) { basis reason } }`);
      expect(certainOnly.data.contradictions).toEqual([{ basis: 'DENIAL', reason: 'Iran denies what an unnamed source said, in response to Turkey' }]);
    });

    it('gives Turkey’s claims no content the article does not give', async () => {
      const res = await suite.server.gql(`{ statement(id: "statement:turkey-claims-direct-communication") { kind summary event { id } speaker { id } evidence { exact } relations { kind certainty statement { id } } } }`);
      expect(res.data.statement).toMatchObject({ kind: 'CLAIM', event: null, speaker: { id: 'actor:turkey' }, evidence: [{ exact: 'claims made by Turkey' }] });
      expect(res.data.statement.summary).toMatch(/does not say what Turkey claimed/);
      expect(res.data.statement.relations).toEqual([{ kind: 'RESPONDED_BY', certainty: 'CERTAIN', statement: { id: 'statement:iran-denies-messages' } }]);
    });
  });

  describe('Questions: in what order things happened, with no dates', () => {
    it('puts the first round before the second, and the conflict before the protests and the crackdown', async () => {
      const res = await suite.server.gql(`{ timeline { position dated basis event { id } } }`);
      expect(res.errors).toBeUndefined();
      const place = new Map(res.data.timeline.map((e: any) => [e.event.id, e.position]));
      const at = (id: string) => place.get(id) as number;
      expect(at('event:oman-talks-first-round')).toBeLessThan(at('event:second-round-talks'));
      expect(at('event:twelve-day-conflict')).toBeLessThan(at('event:iran-protests'));
      expect(at('event:iran-protests')).toBeLessThan(at('event:iran-crackdown'));
      const crackdown = res.data.timeline.find((e: any) => e.event.id === 'event:iran-crackdown');
      expect(crackdown.dated).toBe(false);
      expect(crackdown.basis).toMatch(/after .*protests/i);
      expect(res.data.timeline.map((e: any) => e.position)).toEqual(res.data.timeline.map((_: unknown, i: number) => i + 1));
    });

    it('leaves out what the source is not sure of, and says how sure a relation that places an event is', async () => {
      const ids = async (args: string) => (await suite.server.gql(`{ timeline${args} { event { id } } }`)).data.timeline.map((e: any) => e.event.id);
      const all = await ids('(minCertainty: UNDERSPECIFIED)');
      const byDefault = await ids('');
      const certain = await ids('(minCertainty: CERTAIN)');
      expect(all).toHaveLength(14);
      // Reports allege it, Iran denies it: the source does not commit to the direct communication.
      expect(all.filter((id: string) => !byDefault.includes(id))).toEqual(['event:reported-direct-communication']);
      expect(byDefault.filter((id: string) => !certain.includes(id)).sort()).toEqual(['event:potential-us-operations', 'event:second-round-talks']);
      const res = await suite.server.gql(`{ timeline { basis event { id } } }`);
      const protests = res.data.timeline.find((e: any) => e.event.id === 'event:iran-protests');
      expect(protests.basis).toMatch(/^after Twelve-day conflict initiated by Israel against Iran \(possible\)/);
    });

    it('narrows to the events of an actor (and of those speaking for it) and renumbers', async () => {
      const all = await suite.server.gql(`{ timeline { event { id } } }`);
      const res = await suite.server.gql(`{ timeline(actor: "actor:iran") { position event { id participants { actor { id affiliations { organization { id } } } } } } }`);
      const entries = res.data.timeline;
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.length).toBeLessThan(all.data.timeline.length);
      expect(entries.map((e: any) => e.position)).toEqual(entries.map((_: unknown, i: number) => i + 1));
      for (const { event } of entries) {
        const speaksForIran = event.participants.some((p: any) => p.actor.id === 'actor:iran' || p.actor.affiliations.some((a: any) => a.organization.id === 'actor:iran'));
        expect(speaksForIran, event.id).toBe(true);
      }
      // Iran takes part in the Muscat meeting only through Araghchi.
      expect(entries.map((e: any) => e.event.id)).toContain('event:muscat-meeting-araghchi-witkoff');
    });

    it('narrows to the events of an issue, keeping their relative order', async () => {
      const all = (await suite.server.gql(`{ timeline { event { id } } }`)).data.timeline.map((e: any) => e.event.id);
      const res = await suite.server.gql(`{ timeline(issue: "issue:trade-and-economic-matters") { event { id issues { id } } } }`);
      const ids = res.data.timeline.map((e: any) => e.event.id);
      expect(ids.length).toBeGreaterThan(0);
      for (const e of res.data.timeline) expect(e.event.issues.map((i: any) => i.id)).toContain('issue:trade-and-economic-matters');
      expect(ids).toEqual(all.filter((id: string) => ids.includes(id)));
    });

    it('refuses an unknown actor or issue with BAD_USER_INPUT naming the argument', async () => {
      const actor = await suite.server.gql(`{ timeline(actor: "actor:atlantis") { position } }`);
      expect(actor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'actor' });
      const issue = await suite.server.gql(`{ timeline(issue: "issue:nope") { position } }`);
      expect(issue.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'issue' });
    });
  });

  describe('Questions: narrowing contradictions to an actor or an issue', () => {
    it('finds the denial from Iran’s side; Turkey, whose claims it answered, is on neither side of the pair', async () => {
      const pair = async (args: string) => (await suite.server.gql(`{ contradictions${args} { first { id } second { id } } }`)).data.contradictions;
      const denial = [{ first: { id: 'statement:iran-denies-messages' }, second: { id: 'statement:reports-of-direct-communication' } }];
      expect(await pair('(actor: "actor:iran")')).toEqual(denial);
      // Iran denies unattributed reports; Turkey's claims are what the denial answers, not what it denies.
      expect(await pair('(actor: "actor:turkey")')).toEqual([]);
      expect(await pair('(actor: "actor:united-states")')).toEqual([]);
      // Neither statement names an issue or backs a position.
      expect(await pair('(issue: "issue:ballistic-missile-program")')).toEqual([]);
      expect(await pair('(actor: "actor:iran", issue: "issue:sanctions-relief")')).toEqual([]);
    });

    it('refuses an unknown actor or issue, or an id of another kind, with BAD_USER_INPUT naming the argument', async () => {
      for (const [args, argumentName, says] of [
        ['actor: "actor:atlantis"', 'actor', 'actor:atlantis'],
        ['actor: "issue:sanctions-relief"', 'actor', 'issue:sanctions-relief'],
        ['issue: "issue:nope"', 'issue', 'issue:nope'],
      ]) {
        const res = await suite.server.gql(`{ contradictions(${args}) { basis } }`);
        expect(res.status, args).toBeLessThan(500);
        expect(res.errors?.[0]?.extensions, args).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
        expect(res.errors?.[0]?.message, args).toContain(says);
      }
    });
  });

  describe('Questions: paging a long answer with first and after', () => {
    it('reads the timeline page by page: the pages add up to the whole answer, positions counted over it', async () => {
      const whole = (await suite.server.gql(`{ timeline { position basis event { id } } }`)).data.timeline;
      expect(whole.length).toBeGreaterThan(10);
      const pages: any[][] = [];
      let after: string | null = null;
      for (;;) {
        const res: any = await suite.server.gql(`query($after: String) { timeline(first: 4, after: $after) { position basis cursor event { id } } }`, { after });
        expect(res.errors).toBeUndefined();
        pages.push(res.data.timeline);
        if (res.data.timeline.length < 4) break;
        after = res.data.timeline.at(-1).cursor;
      }
      expect(pages.slice(0, -1).every((page) => page.length === 4)).toBe(true);
      expect(pages.flat().map(({ cursor: _, ...entry }) => entry)).toEqual(whole);
      // Without first, everything after the cursor.
      const rest = await suite.server.gql(`query($after: String) { timeline(after: $after) { position } }`, { after: pages[0].at(-1).cursor });
      expect(rest.data.timeline.map((e: any) => e.position)).toEqual(whole.slice(4).map((e: any) => e.position));
      const none = await suite.server.gql(`{ timeline(first: 0) { position } }`);
      expect(none.data.timeline).toEqual([]);
    });

    it('pages an actor’s timeline and the contradictions the same way, each alias its own page of one answer', async () => {
      const whole = (await suite.server.gql(`{ timeline(actor: "actor:iran") { position event { id } } }`)).data.timeline;
      const first = await suite.server.gql(`{ a: timeline(actor: "actor:iran", first: 2) { position cursor event { id } } }`);
      const second = await suite.server.gql(`query($after: String) { b: timeline(actor: "actor:iran", first: 2, after: $after) { position event { id } } c: timeline(actor: "actor:iran", first: 1) { position } }`, {
        after: first.data.a[1].cursor,
      });
      expect(first.data.a.map((e: any) => e.event.id)).toEqual(whole.slice(0, 2).map((e: any) => e.event.id));
      expect(second.data.b).toEqual(whole.slice(2, 4));
      expect(second.data.c).toEqual([{ position: 1 }]);
      const pair = await suite.server.gql(`{ contradictions(first: 1) { basis cursor } }`);
      expect(pair.data.contradictions).toHaveLength(1);
      const after = await suite.server.gql(`query($after: String) { contradictions(after: $after) { basis } }`, { after: pair.data.contradictions[0].cursor });
      expect(after.data.contradictions).toEqual([]);
    });

    it('refuses a page larger than 100, a negative one, and a cursor that is not one, with BAD_USER_INPUT', async () => {
      for (const [field, args, argumentName, says] of [
        ['timeline', 'first: 101', 'first', 'at most 100'],
        ['contradictions', 'first: 500', 'first', 'at most 100'],
        ['timeline', 'first: -1', 'first', 'must not be negative'],
        ['timeline', 'after: "not a cursor!"', 'after', 'is not a cursor of this API'],
        ['contradictions', 'after: "bm9wZQ"', 'after', 'is not a cursor of this API'],
      ]) {
        const res = await suite.server.gql(`{ ${field}(${args}) { __typename } }`);
        expect(res.status, args).toBeLessThan(500);
        expect(res.errors?.[0]?.extensions, args).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
        expect(res.errors?.[0]?.message, args).toContain(says);
      }
    });

    it('refuses a cursor of another list, or of the same question asked about something else, naming both', async () => {
      const cursorOf = async (query: string) => JSON.stringify(Object.values((await suite.server.gql(query)).data)[0]).match(/"(?:cursor|endCursor)":"([^"]+)"/)![1];
      const fromActors = await cursorOf(`{ actors(first: 1) { pageInfo { endCursor } } }`);
      const fromIran = await cursorOf(`{ timeline(actor: "actor:iran", first: 1) { cursor } }`);
      const fromTimeline = await cursorOf(`{ timeline(first: 1) { cursor } }`);
      for (const [query, after, belongs] of [
        [`timeline(first: 1, after: $after)`, fromActors, 'actors'],
        [`timeline(first: 1, after: $after)`, fromIran, 'timeline(actor: actor:iran, minCertainty: POSSIBLE)'],
        [`timeline(first: 1, after: $after, minCertainty: CERTAIN)`, fromTimeline, 'timeline(minCertainty: POSSIBLE)'],
        [`contradictions(after: $after)`, fromTimeline, 'timeline(minCertainty: POSSIBLE)'],
      ]) {
        const res = await suite.server.gql(`query($after: String) { ${query} { __typename } }`, { after });
        expect(res.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
        expect(res.errors?.[0]?.message, query).toContain(`the cursor belongs to the list "${belongs}"`);
      }
    });
  });

  describe('Questions: full-text search', () => {
    it('ranks the missile issue first for "missile", with a marked snippet', async () => {
      const res = await suite.server.gql(`{ search(query: "missile") { score field snippet node { __typename id } } }`);
      expect(res.data.search[0].node).toEqual({ __typename: 'Issue', id: 'issue:ballistic-missile-program' });
      expect(res.data.search[0].snippet).toMatch(/«missile»/i);
      const scores = res.data.search.map((h: any) => h.score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    });

    it('matches prefixes, phrases, any case and diacritics', async () => {
      const ids = async (query: string) => (await suite.server.gql(`query($q: String!) { search(query: $q, first: 100) { node { id } } }`, { q: query })).data.search.map((h: any) => h.node.id);
      expect(await ids('missil*')).toContain('issue:ballistic-missile-program');
      expect(await ids('TEHRAN')).toContain('actor:iran');
      expect(await ids('téhran')).toContain('actor:iran');
      expect(await ids('"sticking point"')).toContain('issue:ballistic-missile-program');
      // "ballistic missile program": both words are there, but not next to each other.
      expect(await ids('ballistic program')).toContain('issue:ballistic-missile-program');
      expect(await ids('"ballistic program"')).toEqual([]);
    });

    const searchIds = async (query: string) => {
      const res = await suite.server.gql(`query($q: String!) { search(query: $q, first: 100) { node { id } } }`, { q: query });
      expect(res.errors, query).toBeUndefined();
      return res.data.search.map((h: any) => h.node.id).sort() as string[];
    };

    it("finds the article's words with punctuation: Iran's, twelve-day, U.S. bases", async () => {
      const irans = await searchIds("Iran's");
      expect(irans).toEqual(expect.arrayContaining(['issue:ballistic-missile-program', 'statement:turkey-cautions-missile-expansion', 'statement:analysis-missile-sticking-point', 'event:sanctions-on-iran', 'event:iran-threat-to-strike-us-bases']));
      // It says "Iran threatened", "Iran has threatened": Iran, but never Iran's.
      expect(irans).not.toContain('statement:iran-threatens-us-bases');
      expect(await searchIds('Iran’s')).toEqual(irans);
      expect(await searchIds('twelve-day')).toEqual(['actor:israel', 'event:twelve-day-conflict']);
      expect(await searchIds('U.S. bases')).toEqual(['actor:iran', 'event:iran-threat-to-strike-us-bases', 'statement:iran-threatens-us-bases']);
      expect(await searchIds('"u.s. BASES"')).toEqual(await searchIds('U.S. bases'));
    });

    it('combines words with AND, OR, NOT, parentheses, quotes and prefixes; lowercase and/or/not are words', async () => {
      const bases = await searchIds('U.S. bases');
      const twelve = await searchIds('twelve-day');
      expect(await searchIds('"U.S. bases" OR twelve-day')).toEqual([...bases, ...twelve].sort());
      expect(await searchIds('U.S. bases NOT threatened')).toEqual(['event:iran-threat-to-strike-us-bases']);
      expect(await searchIds('NOT threatened U.S. bases')).toEqual(['event:iran-threat-to-strike-us-bases']);
      expect(await searchIds('twelve-day AND israel')).toEqual(twelve);
      expect(await searchIds('twelve-day and israel')).toEqual([]);
      const talks = await searchIds('talks (Oman OR Muscat)');
      expect(talks).toEqual(expect.arrayContaining(['event:muscat-meeting-araghchi-witkoff', 'event:oman-talks-first-round']));
      expect(talks).not.toContain('place:muscat');
      expect(await searchIds('"twelve-da"*')).toEqual(twelve);
      expect(await searchIds('twelve-da')).toEqual([]);
    });

    it('answers texts FTS5 could not parse as the words they hold, never as an error', async () => {
      for (const query of ['U.S.', '"unterminated', '* iran', 'NEAR(iran us, x)', 'nope:iran', 'iran AND', 'OR iran OR', '(iran OR israel', 'iran)', 'body:iran', '^iran', 'iran NOT', 'a"b"c', '"iran" *', "'iran'", 'iran -missile', '\\iran']) {
        const res = await suite.server.gql(`query($q: String!) { search(query: $q) { score } }`, { q: query });
        expect(res.status, query).toBe(200);
        expect(res.errors, query).toBeUndefined();
      }
    });

    it('refuses a text with no word to search for with BAD_USER_INPUT naming no engine', async () => {
      for (const query of ['', '   ', '*', '**', 'AND', 'OR NOT', 'NOT iran', '🙂', '...', '()', '""']) {
        const res = await suite.server.gql(`query($q: String!) { search(query: $q) { score } }`, { q: query });
        expect(res.status, query).toBeLessThan(500);
        expect(res.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
        expect(res.errors?.[0]?.message, query).toContain('give at least one word to search for');
        expect(res.errors?.[0]?.message, query).not.toMatch(/fts|sqlite|postgres|tsquery/i);
      }
    });
  });

  describe('Questions: grouped counts under the connections’ filters', () => {
    it('counts statements by kind, adding up to the filtered total', async () => {
      const res = await suite.server.gql(`{ statementCounts(groupBy: KIND) { key count } statements { totalCount } }`);
      const sum = res.data.statementCounts.reduce((n: number, b: any) => n + b.count, 0);
      expect(sum).toBe(res.data.statements.totalCount);
      expect(res.data.statementCounts.find((b: any) => b.key === 'DENIAL').count).toBeGreaterThan(0);
    });

    it('counts statements about sanctions relief by speaker, with the speaker’s name', async () => {
      const filter = `{issue: "issue:sanctions-relief"}`;
      const res = await suite.server.gql(`{ statementCounts(groupBy: SPEAKER, filter: ${filter}) { key label count node { id } } statements(filter: ${filter}) { totalCount } }`);
      const iran = res.data.statementCounts.find((b: any) => b.key === 'actor:iran');
      expect(iran).toMatchObject({ label: 'Iran', node: { id: 'actor:iran' } });
      expect(res.data.statementCounts.reduce((n: number, b: any) => n + b.count, 0)).toBe(res.data.statements.totalCount);
    });

    it('counts events by status and kind', async () => {
      const res = await suite.server.gql(`{ eventCounts(groupBy: STATUS) { key count } events { totalCount } k: eventCounts(groupBy: KIND, filter: {statuses: [OCCURRED]}) { key count } }`);
      expect(res.data.eventCounts.reduce((n: number, b: any) => n + b.count, 0)).toBe(res.data.events.totalCount);
      expect(res.data.eventCounts.map((b: any) => b.key)).toContain('UNDER_CONSIDERATION');
      expect(res.data.k.length).toBeGreaterThan(0);
    });
  });
});
