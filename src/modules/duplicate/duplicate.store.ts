/**
 * The facts duplicate detection reads, one type at a time: names and aliases (or titles),
 * cited spans, and for events kinds and participants. Whole-table reads in a few statements,
 * no pair compared in SQL: the pairs are blocked and scored in `analysis/duplicates.ts`.
 */
import { statement, type Executor } from '../../db/engine.js';
import type { DuplicateFacts } from '../../analysis/duplicates.js';
import type { MergeableType } from '../../store/references.js';

const Q = {
  Actor: {
    names: statement(`SELECT "a"."id" AS "id", "a"."name" AS "name" FROM "actors" AS "a" UNION ALL SELECT "l"."actor_id", "l"."alias" FROM "actor_aliases" AS "l"`),
    spans: statement(`SELECT "e"."actor_id" AS "id", "e"."source_id" AS "sourceId", "e"."start" AS "start", "e"."end" AS "end" FROM "evidence" AS "e" WHERE "e"."actor_id" IS NOT NULL`),
  },
  Event: {
    names: statement(`SELECT "e"."id" AS "id", "e"."title" AS "name", "e"."kind" AS "kind" FROM "events" AS "e"`),
    spans: statement(`SELECT "e"."event_id" AS "id", "e"."source_id" AS "sourceId", "e"."start" AS "start", "e"."end" AS "end" FROM "evidence" AS "e" WHERE "e"."event_id" IS NOT NULL`),
    participants: statement(`SELECT "p"."event_id" AS "id", "p"."actor_id" AS "actorId", "p"."role" AS "role" FROM "event_participants" AS "p"`),
  },
  Issue: {
    names: statement(`SELECT "i"."id" AS "id", "i"."name" AS "name" FROM "issues" AS "i"`),
    spans: statement(`SELECT "e"."issue_id" AS "id", "e"."source_id" AS "sourceId", "e"."start" AS "start", "e"."end" AS "end" FROM "evidence" AS "e" WHERE "e"."issue_id" IS NOT NULL`),
  },
};

interface Mutable { id: string; names: string[]; kind?: string; participants: string[]; spans: string[] }

/** Every node of the type with what duplicate detection compares. */
export async function duplicateFacts(q: Executor, type: MergeableType): Promise<DuplicateFacts[]> {
  const byId = new Map<string, Mutable>();
  const of = (id: string) => {
    let f = byId.get(id);
    if (!f) byId.set(id, (f = { id, names: [], participants: [], spans: [] }));
    return f;
  };
  for (const r of await q.all<{ id: string; name: string; kind?: string }>(Q[type].names)) {
    const f = of(r.id);
    f.names.push(r.name);
    if (r.kind !== undefined && r.kind !== null) f.kind = r.kind;
  }
  for (const r of await q.all<{ id: string; sourceId: string; start: number; end: number }>(Q[type].spans)) {
    if (byId.has(r.id)) of(r.id).spans.push(`${r.sourceId} ${r.start} ${r.end}`);
  }
  if (type === 'Event') {
    for (const r of await q.all<{ id: string; actorId: string; role: string }>(Q.Event.participants)) if (byId.has(r.id)) of(r.id).participants.push(`${r.actorId} ${r.role}`);
  }
  return [...byId.values()];
}
