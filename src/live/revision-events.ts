/**
 * Revisions as they are written, for the `revisionAdded` subscription. One in-process bus:
 * a write publishes after its transaction commits, so a subscriber never hears of a revision
 * it could not yet read.
 */
import { createPubSub } from '@graphql-yoga/subscription';
import type { RevisionRow } from '../db/tables.js';

export const REVISION_ADDED = 'REVISION_ADDED';

export interface RevisionEvent {
  revision: RevisionRow;
  /** The nodes it changed: their ids and types, for the subscription's filters. */
  nodes: { id: string; type: string }[];
}

export const revisionEvents = createPubSub<{ [REVISION_ADDED]: [RevisionEvent] }>();

/** Whether an event passes a subscriber's filters (no filter: every revision). */
export function eventMatches(event: RevisionEvent, node: string | null | undefined, type: string | null | undefined): boolean {
  return event.nodes.some((n) => (node == null || n.id === node) && (type == null || n.type === type));
}
