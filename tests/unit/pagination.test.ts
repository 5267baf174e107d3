import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageBounds, pageWindow, toPage } from '../../src/shared/pagination.js';

describe('Pagination: Relay windows and cursors', () => {
  it('pages forward with first/after and knows what follows', () => {
    const w = pageWindow('actors', { first: 2, after: encodeCursor('actors', 1) });
    expect(pageBounds(w, 5)).toEqual({ start: 2, end: 4 });
    const page = toPage('actors', w, { total: 5, count: () => 5 }, ['c', 'd']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(decodeCursor('after', 'actors', page.pageInfo.endCursor!)).toBe(3);
  });

  it('pages forward without a total, counting only when totalCount is read', () => {
    const w = pageWindow('actors', { first: 2, after: encodeCursor('actors', 1) });
    let counted = 0;
    const page = toPage('actors', w, { total: null, hasNext: false, count: () => ++counted && 4 }, ['c', 'd']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(decodeCursor('after', 'actors', page.pageInfo.startCursor!)).toBe(2);
    expect(counted).toBe(0);
    expect(page.totalCount).toBe(4);
    expect(page.totalCount).toBe(4);
    expect(counted).toBe(1);
  });

  it('pages backward with last/before', () => {
    const w = pageWindow('actors', { last: 2, before: encodeCursor('actors', 4) });
    expect(pageBounds(w, 10)).toEqual({ start: 2, end: 4 });
    expect(pageBounds(pageWindow('actors', { last: 3 }), 10)).toEqual({ start: 7, end: 10 });
  });

  it('defaults to 20 items when neither first nor last is given', () => {
    expect(pageBounds(pageWindow('actors', {}), 50)).toEqual({ start: 0, end: 20 });
  });

  it('refuses first over 100 and negative counts, naming the argument', () => {
    expect(() => pageWindow('actors', { first: 101 })).toThrow(/Argument "first": may be at most 100/);
    expect(() => pageWindow('actors', { first: -1 })).toThrow(/Argument "first": must not be negative/);
    expect(() => pageWindow('actors', { last: 500 })).toThrow(/Argument "last"/);
  });

  it('refuses malformed cursors and cursors of another list', () => {
    expect(() => pageWindow('actors', { after: 'not a cursor!' })).toThrow(/Argument "after": .* is not a cursor/);
    expect(() => pageWindow('actors', { after: encodeCursor('events', 3) })).toThrow(/belongs to the list "events"/);
    expect(() => pageWindow('actors', { before: Buffer.from('actors:x').toString('base64url') })).toThrow(/Argument "before"/);
  });
});
