/**
 * A node read `asOf` a revision is its document's row, carrying the document along, so that
 * the fields its document owns (evidence, cues, aliases, links to issues, statements and
 * conditions, participants) answer as they were then. Other lists answer from now.
 */
import type { AnyDoc } from '../../store/documents.js';

const DOC = Symbol.for('kb.asOfDocument');

export function asOfRow(doc: AnyDoc): AnyDoc['row'] {
  return Object.assign({ ...doc.row }, { [DOC]: doc });
}

/** The part of the document a node was read from, or undefined for a node read as it is now. */
export function docPart<T>(root: object, key: string): T | undefined {
  const doc = (root as { [DOC]?: Record<string, unknown> })[DOC];
  return doc?.[key] as T | undefined;
}
