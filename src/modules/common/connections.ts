/**
 * The connection types of every list that grows with the data. They live together, apart from
 * the entity types, so that no entity type module imports another.
 */
import { Actor } from '../actor/actor.type.js';
import { Event } from '../event/event.type.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Issue } from '../issue/issue.type.js';
import { Position } from '../position/position.type.js';
import { Source } from '../source/source.type.js';
import { Revision } from '../revision/revision.type.js';
import { Statement } from '../statement/statement.type.js';
import { connectionOf } from './page.type.js';

export const ActorConnection = connectionOf(Actor, 'Actor', 'actors');
export const EventConnection = connectionOf(Event, 'Event', 'events');
export const StatementConnection = connectionOf(Statement, 'Statement', 'statements');
export const IssueConnection = connectionOf(Issue, 'Issue', 'issues');
export const PositionConnection = connectionOf(Position, 'Position', 'positions');
export const SourceConnection = connectionOf(Source, 'Source', 'sources');
export const EvidenceConnection = connectionOf(Evidence, 'Evidence', 'evidence spans');
export const RevisionConnection = connectionOf(Revision, 'Revision', 'revisions');
