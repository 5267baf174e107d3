/**
 * Factories for the per-request DataLoaders (created in `context.ts` when first used, never at
 * module level, so nothing is cached across requests). Each batch is one statement whatever
 * the number of keys, which is what keeps nested queries free of N+1.
 */
import DataLoader from 'dataloader';

/** Loads rows by key; a missing key yields null. `fetch` reads every key of a batch at once. */
export function byKeyLoader<Row>(fetch: (keys: string[]) => Promise<Row[]>, keyOf: (row: Row) => string) {
  return new DataLoader<string, Row | null>(async (keys) => {
    const found = new Map((await fetch([...keys])).map((r) => [keyOf(r), r]));
    return keys.map((k) => found.get(k) ?? null);
  });
}

/** Loads rows of a table by primary key `id`; a missing id yields null. */
export function byIdLoader<Row extends { id: string }>(fetch: (ids: string[]) => Promise<Row[]>) {
  return byKeyLoader(fetch, (r) => r.id);
}

/** Loads, per key, every row whose `keyOf` equals the key, in the order `fetch` returns. */
export function groupLoader<Row, K extends string = string>(fetch: (keys: K[]) => Row[] | Promise<Row[]>, keyOf: (row: Row) => K) {
  return new DataLoader<K, Row[]>(async (keys) => {
    const groups = new Map<K, Row[]>(keys.map((k) => [k, []]));
    for (const row of await fetch([...keys])) groups.get(keyOf(row))?.push(row);
    return keys.map((k) => groups.get(k)!);
  });
}

interface StoredRelation<K extends string> {
  id: string;
  subjectId: string;
  objectId: string;
  kind: K;
}

/**
 * A relation stored once, loaded for both of its ends: from the subject's side it reads with
 * its stored kind, from the object's side with the inverse kind (SUPPORTS / SUPPORTED_BY).
 * `extra` carries the columns a relation type adds (an event relation's note).
 */
export function bothEndsLoader<K extends string, I extends string, Row extends StoredRelation<K>, X extends object>(
  fetch: (ids: string[]) => Promise<Row[]>,
  inverse: Record<K, I>,
  extra: (row: Row) => X,
) {
  type End = { id: string; ownerId: string; kind: K | I; otherId: string } & X;
  return groupLoader<End>(
    async (ids) => {
      const wanted = new Set(ids);
      return (await fetch(ids)).flatMap((r) => [
        ...(wanted.has(r.subjectId) ? [{ id: r.id, ownerId: r.subjectId, kind: r.kind, otherId: r.objectId, ...extra(r) } as End] : []),
        ...(wanted.has(r.objectId) ? [{ id: r.id, ownerId: r.objectId, kind: inverse[r.kind], otherId: r.subjectId, ...extra(r) } as End] : []),
      ]);
    },
    (r) => r.ownerId,
  );
}
