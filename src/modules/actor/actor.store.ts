/** The SQL of actors: their rows, aliases, affiliations and relations, and the actor list. */
import { columns, decodeOf, rowsWhereIn } from '../../db/columns.js';
import { list, statement, type Executor } from '../../db/engine.js';
import { defineList } from '../../db/keyset.js';
import { contains } from '../../db/sql-helpers.js';
import { actorAliases, actorRelations, actors, affiliations, type ActorAliasRow, type ActorRelationRow, type ActorRow, type AffiliationRow } from '../../db/tables.js';

const byIds = rowsWhereIn(actors, 'id');
const aliasesOf = rowsWhereIn(actorAliases, 'actor_id', ['alias']);
const affiliationsOf = rowsWhereIn(affiliations, 'actor_id', ['id']);
const membersOf = rowsWhereIn(affiliations, 'organization_id', ['id']);
const allAffiliations = statement(`SELECT actor_id AS "actorId", organization_id AS "organizationId" FROM affiliations`);
const relationsOf = statement(
  `SELECT ${columns(actorRelations, 'r')} FROM actor_relations AS r WHERE r.subject_id IN ?list OR r.object_id IN ?list ORDER BY r.id`,
  { decode: decodeOf(actorRelations) },
);

export const actorStore = {
  byIds: (q: Executor, ids: readonly string[]) => q.all<ActorRow>(byIds, [list(ids)]),
  aliases: (q: Executor, actorIds: readonly string[]) => q.all<ActorAliasRow>(aliasesOf, [list(actorIds)]),
  affiliations: (q: Executor, actorIds: readonly string[]) => q.all<AffiliationRow>(affiliationsOf, [list(actorIds)]),
  members: (q: Executor, organizationIds: readonly string[]) => q.all<AffiliationRow>(membersOf, [list(organizationIds)]),
  allAffiliations: (q: Executor) => q.all<{ actorId: string; organizationId: string }>(allAffiliations),
  relations: (q: Executor, actorIds: readonly string[]) => q.all<ActorRelationRow>(relationsOf, [list(actorIds), list(actorIds)]),
};

/** The actor list (`actors`): filters by name or alias, kind, ids, country, affiliation, position. */
export const actorList = defineList<ActorRow>({
  name: 'actors',
  select: columns(actors, 'a'),
  decode: decodeOf(actors),
  from: 'actors AS a',
  id: 'a.id',
  parents: {},
  filters: {
    text: `(${contains('a.name')} OR EXISTS (SELECT 1 FROM actor_aliases AS al WHERE al.actor_id = a.id AND ${contains('al.alias')}))`,
    kinds: 'a.kind IN ?list',
    ids: 'a.id IN ?list',
    countryCode: 'a.country_code = ?',
    affiliatedWith: 'EXISTS (SELECT 1 FROM affiliations AS f WHERE f.actor_id = a.id AND f.organization_id = ?)',
    hasPositionOn: 'EXISTS (SELECT 1 FROM positions AS p WHERE p.actor_id = a.id AND p.issue_id = ?)',
  },
  orders: {
    NAME: { parts: [{ expr: 'NOCASE(a.name)', dir: 'given' }], idDir: 'ASC' },
    KIND: { parts: [{ expr: 'a.kind', dir: 'given' }, { expr: 'NOCASE(a.name)', dir: 'ASC' }], idDir: 'ASC' },
    MENTION: { parts: [{ expr: 'a.first_mention', dir: 'given', nullable: true }], idDir: 'ASC' },
    ID: { parts: [], idDir: 'given' },
  },
});
