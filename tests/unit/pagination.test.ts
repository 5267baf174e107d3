import { describe, expect, it } from 'vitest';
import { decodeKeyCursor, encodeKeyCursor, keyPage, keyWindow } from '../../src/shared/pagination.js';

const TAG = 'actors/NAME/ASC';
const rows = (...ids: string[]) => ids.map((id) => ({ row: id, key: [id.toUpperCase(), id] }));

describe('Pagination: Relay windows over keyset cursors', () => {
  it('pages forward with first/after: one row beyond the page says more follow', async () => {
    const w = keyWindow(TAG, { first: 2, after: encodeKeyCursor(TAG, ['B', 'b']) });
    expect(w).toEqual({ first: 2, last: null, after: ['B', 'b'], before: null });
    let counted = 0;
    const page = keyPage(TAG, w, rows('c', 'd', 'e'), async () => ++counted && 5);
    expect(page.edges.map((e) => e.node)).toEqual(['c', 'd']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(decodeKeyCursor('after', TAG, page.pageInfo.endCursor!)).toEqual(['D', 'd']);
    // The total is counted only when read, and once.
    expect(counted).toBe(0);
    expect(await page.totalCount).toBe(5);
    expect(await page.totalCount).toBe(5);
    expect(counted).toBe(1);
  });

  it('knows the last page forward, and the first page has nothing before it', () => {
    const page = keyPage(TAG, keyWindow(TAG, { first: 2 }), rows('a', 'b'), async () => 2);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages backward with last/before: rows read in reverse come back in order', () => {
    const w = keyWindow(TAG, { last: 2, before: encodeKeyCursor(TAG, ['E', 'e']) });
    const page = keyPage(TAG, w, rows('d', 'c', 'b'), async () => 5);
    expect(page.edges.map((e) => e.node)).toEqual(['c', 'd']);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('applies first, then last (Relay), and defaults to 20 items', () => {
    const page = keyPage(TAG, keyWindow(TAG, { first: 3, last: 2 }), rows('a', 'b', 'c', 'd'), async () => 4);
    expect(page.edges.map((e) => e.node)).toEqual(['b', 'c']);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(keyWindow(TAG, {}).first).toBe(20);
  });

  it('refuses first over 100 and negative counts, naming the argument', () => {
    expect(() => keyWindow(TAG, { first: 101 })).toThrow(/Argument "first": may be at most 100/);
    expect(() => keyWindow(TAG, { first: -1 })).toThrow(/Argument "first": must not be negative/);
    expect(() => keyWindow(TAG, { last: 500 })).toThrow(/Argument "last"/);
  });

  it('refuses malformed cursors, cursors of another list and of another order', () => {
    expect(() => keyWindow(TAG, { after: 'not a cursor!' })).toThrow(/Argument "after": .* is not a cursor/);
    expect(() => keyWindow(TAG, { after: Buffer.from('actors:3').toString('base64url') })).toThrow(/is not a cursor/);
    expect(() => keyWindow(TAG, { after: encodeKeyCursor('events/MENTION/ASC', [1, 'event:x']) })).toThrow(/belongs to the list "events"/);
    expect(() => keyWindow(TAG, { before: encodeKeyCursor('actors/ID/DESC', ['actor:x']) })).toThrow(/Argument "before": the cursor was made for another order/);
    expect(() => keyWindow(TAG, { after: encodeKeyCursor(TAG, [{ nested: true }]) })).toThrow(/is not a cursor/);
  });
});
