/**
 * The mutations: each checks its role before anything is read (type-graphql runs the
 * authChecker first), hands its input to `runWrite` with the writer that builds the change,
 * and answers with the payload once the transaction has committed. No SQL here.
 */
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { revisionFeed } from '../../live/revision-feed.js';
import { Role } from '../../shared/enums.js';
import { Actor } from '../actor/actor.type.js';
import { Node } from '../common/node.type.js';
import { Event } from '../event/event.type.js';
import { Issue } from '../issue/issue.type.js';
import { Position } from '../position/position.type.js';
import { Source } from '../source/source.type.js';
import { docPart } from '../common/as-of.js';
import { reportValue } from '../report/report.loaders.js';
import type { ReportFactKind } from '../report/report.store.js';
import { Report } from '../report/report.type.js';
import { typeOfId } from '../../shared/ids.js';
import type { ReportDoc } from '../../store/reports.js';
import { Statement } from '../statement/statement.type.js';
import {
  AddEvidenceInput, AddRelationInput, AddSourceInput, CreateActorInput, CreateEventInput, CreateIssueInput, CreateStatementInput,
  DeleteActorInput, DeleteEventInput, DeleteIssueInput, DeletePositionInput, DeleteStatementInput, RemoveEvidenceInput, RemoveRelationInput,
  RemoveReportInput, RestoreInput, SetPositionInput, SetReportInput, UpdateActorInput, UpdateEventInput, UpdateIssueInput, UpdateStatementInput, type DeleteInput,
} from './write.inputs.js';
import { createActor, updateActor } from './actor.writer.js';
import { deleteOf } from './delete.writer.js';
import { addEvidence, removeEvidence } from './evidence.writer.js';
import { createEvent, updateEvent } from './event.writer.js';
import { createIssue, updateIssue } from './issue.writer.js';
import { setPosition } from './position.writer.js';
import { addRelation, removeRelation } from './relation.writer.js';
import { removeReport, setReport } from './report.writer.js';
import { restore } from './restore.writer.js';
import { addSource } from './source.writer.js';
import { createStatement, updateStatement } from './statement.writer.js';
import { runWrite, type Writer } from './write.runner.js';
import { payloadOf, reportPayloadOf } from './write.types.js';
import type { MutationName } from './write.validation.js';

export const AddSourcePayload = payloadOf(Source, 'AddSource', 'source', 'the source added');
export const CreateActorPayload = payloadOf(Actor, 'CreateActor', 'actor', 'the actor created');
export const UpdateActorPayload = payloadOf(Actor, 'UpdateActor', 'actor', 'the actor as changed');
export const DeleteActorPayload = payloadOf(Actor, 'DeleteActor', 'actor', 'the deleted actor’s tombstone (its last state, at the tombstone version)');
export const CreateEventPayload = payloadOf(Event, 'CreateEvent', 'event', 'the event created');
export const UpdateEventPayload = payloadOf(Event, 'UpdateEvent', 'event', 'the event as changed');
export const DeleteEventPayload = payloadOf(Event, 'DeleteEvent', 'event', 'the deleted event’s tombstone');
export const CreateStatementPayload = payloadOf(Statement, 'CreateStatement', 'statement', 'the statement created');
export const UpdateStatementPayload = payloadOf(Statement, 'UpdateStatement', 'statement', 'the statement as changed');
export const DeleteStatementPayload = payloadOf(Statement, 'DeleteStatement', 'statement', 'the deleted statement’s tombstone');
export const CreateIssuePayload = payloadOf(Issue, 'CreateIssue', 'issue', 'the issue created');
export const UpdateIssuePayload = payloadOf(Issue, 'UpdateIssue', 'issue', 'the issue as changed');
export const DeleteIssuePayload = payloadOf(Issue, 'DeleteIssue', 'issue', 'the deleted issue’s tombstone');
export const SetPositionPayload = payloadOf(Position, 'SetPosition', 'position', 'the position as set');
export const DeletePositionPayload = payloadOf(Position, 'DeletePosition', 'position', 'the deleted position’s tombstone');
export const AddRelationPayload = payloadOf(Node, 'AddRelation', 'node', 'the relation’s subject, whose `relations` now hold it');
export const RemoveRelationPayload = payloadOf(Node, 'RemoveRelation', 'node', 'the relation’s former subject');
export const AddEvidencePayload = payloadOf(Node, 'AddEvidence', 'node', 'the entity cited (for a relation, its subject)');
export const RemoveEvidencePayload = payloadOf(Node, 'RemoveEvidence', 'node', 'the entity cited (for a relation, its subject)');
export const RestorePayload = payloadOf(Node, 'Restore', 'node', 'the node as restored');
export const SetReportPayload = reportPayloadOf(Report, Node, 'SetReport', 'the report as set');
export const RemoveReportPayload = reportPayloadOf(Report, Node, 'RemoveReport', 'null: the report is gone (the fact’s `reports` list the rest)');

/** A report write's payload: the fact as it now stands and, for `setReport`, the source's report in it. */
async function performReport(ctx: Context, name: 'setReport' | 'removeReport', input: SetReportInput | RemoveReportInput, body: Writer<never>) {
  const { fact, revision, userErrors } = (await perform(ctx, name, 'fact', input as object, body as Writer<object>)) as { fact: { id: string } | null; revision: unknown; userErrors: unknown[] };
  const reports = fact && name === 'setReport' ? docPart<ReportDoc[]>(fact, 'reports') : undefined;
  const own = reports?.find((r) => r.sourceId === input.source);
  const kind = fact ? (typeOfId(fact.id)!.toLowerCase() as ReportFactKind) : null;
  return { fact, report: own && kind ? reportValue(kind, fact!.id, own) : null, revision, userErrors };
}

/** Runs a write for the viewer the authChecker let through, and shapes its payload. */
export async function perform<Input>(ctx: Context, name: string, field: string, input: Input & object, body: Writer<Input>) {
  // The authChecker guarantees a viewer; this only narrows the type.
  if (!ctx.viewer) throw new Error('a write reached its resolver without a viewer');
  // The five deletes share one set of bounds.
  const bounds = (name.startsWith('delete') ? 'delete' : name) as MutationName;
  const outcome = await runWrite(ctx.engine, ctx.viewer, name, bounds, input, body as Writer<never>);
  // runWrite resolves once the transaction has committed: this server's subscribers hear of it
  // now (other servers through PostgreSQL's NOTIFY); a replay wrote nothing new.
  if (outcome.revision && outcome.changed.length > 0) revisionFeed(ctx.engine)?.poke();
  return { [field]: outcome.node, revision: outcome.revision, userErrors: outcome.userErrors };
}

const EDIT = 'Needs the EDITOR role.';
const ADMIN = 'Needs the ADMIN role.';

@Resolver()
export class WriteResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => AddSourcePayload, { description: `Adds a source text (NFC-normalised, with its SHA-256), to be quoted by evidence. ${EDIT}` })
  addSource(@Arg('input', () => AddSourceInput, { description: 'The source.' }) input: AddSourceInput, @Ctx() ctx: Context) {
    return perform(ctx, 'addSource', 'source', input, addSource);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CreateActorPayload, { description: `Creates an actor, citing its evidence. ${EDIT}` })
  createActor(@Arg('input', () => CreateActorInput, { description: 'The actor.' }) input: CreateActorInput, @Ctx() ctx: Context) {
    return perform(ctx, 'createActor', 'actor', input, createActor);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateActorPayload, { description: `Changes an actor’s fields. ${EDIT}` })
  updateActor(@Arg('input', () => UpdateActorInput, { description: 'The changes.' }) input: UpdateActorInput, @Ctx() ctx: Context) {
    return perform(ctx, 'updateActor', 'actor', input, updateActor);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeleteActorPayload, { description: `Deletes an actor no other node refers to. ${ADMIN}` })
  deleteActor(@Arg('input', () => DeleteActorInput, { description: 'The actor.' }) input: DeleteInput, @Ctx() ctx: Context) {
    return perform(ctx, 'deleteActor', 'actor', input, deleteOf('Actor'));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CreateEventPayload, { description: `Creates an event, citing its evidence. ${EDIT}` })
  createEvent(@Arg('input', () => CreateEventInput, { description: 'The event.' }) input: CreateEventInput, @Ctx() ctx: Context) {
    return perform(ctx, 'createEvent', 'event', input, createEvent);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateEventPayload, { description: `Changes an event’s fields. ${EDIT}` })
  updateEvent(@Arg('input', () => UpdateEventInput, { description: 'The changes.' }) input: UpdateEventInput, @Ctx() ctx: Context) {
    return perform(ctx, 'updateEvent', 'event', input, updateEvent);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeleteEventPayload, { description: `Deletes an event no other node refers to. ${ADMIN}` })
  deleteEvent(@Arg('input', () => DeleteEventInput, { description: 'The event.' }) input: DeleteInput, @Ctx() ctx: Context) {
    return perform(ctx, 'deleteEvent', 'event', input, deleteOf('Event'));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CreateStatementPayload, { description: `Creates a statement, citing its evidence. ${EDIT}` })
  createStatement(@Arg('input', () => CreateStatementInput, { description: 'The statement.' }) input: CreateStatementInput, @Ctx() ctx: Context) {
    return perform(ctx, 'createStatement', 'statement', input, createStatement);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateStatementPayload, { description: `Changes a statement’s fields. ${EDIT}` })
  updateStatement(@Arg('input', () => UpdateStatementInput, { description: 'The changes.' }) input: UpdateStatementInput, @Ctx() ctx: Context) {
    return perform(ctx, 'updateStatement', 'statement', input, updateStatement);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeleteStatementPayload, { description: `Deletes a statement no other node refers to. ${ADMIN}` })
  deleteStatement(@Arg('input', () => DeleteStatementInput, { description: 'The statement.' }) input: DeleteInput, @Ctx() ctx: Context) {
    return perform(ctx, 'deleteStatement', 'statement', input, deleteOf('Statement'));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CreateIssuePayload, { description: `Creates a negotiation issue, citing its evidence. ${EDIT}` })
  createIssue(@Arg('input', () => CreateIssueInput, { description: 'The issue.' }) input: CreateIssueInput, @Ctx() ctx: Context) {
    return perform(ctx, 'createIssue', 'issue', input, createIssue);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateIssuePayload, { description: `Changes an issue’s fields. ${EDIT}` })
  updateIssue(@Arg('input', () => UpdateIssueInput, { description: 'The changes.' }) input: UpdateIssueInput, @Ctx() ctx: Context) {
    return perform(ctx, 'updateIssue', 'issue', input, updateIssue);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeleteIssuePayload, { description: `Deletes an issue no other node refers to. ${ADMIN}` })
  deleteIssue(@Arg('input', () => DeleteIssueInput, { description: 'The issue.' }) input: DeleteInput, @Ctx() ctx: Context) {
    return perform(ctx, 'deleteIssue', 'issue', input, deleteOf('Issue'));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => SetPositionPayload, { description: `Sets where an actor stands on an issue (one position per actor and issue: creates or replaces). ${EDIT}` })
  setPosition(@Arg('input', () => SetPositionInput, { description: 'The position.' }) input: SetPositionInput, @Ctx() ctx: Context) {
    return perform(ctx, 'setPosition', 'position', input, setPosition);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeletePositionPayload, { description: `Deletes (retracts) a position. ${ADMIN}` })
  deletePosition(@Arg('input', () => DeletePositionInput, { description: 'The position.' }) input: DeleteInput, @Ctx() ctx: Context) {
    return perform(ctx, 'deletePosition', 'position', input, deleteOf('Position'));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AddRelationPayload, { description: `Relates two actors, events or statements, citing the evidence. ${EDIT}` })
  addRelation(@Arg('input', () => AddRelationInput, { description: 'The relation.' }) input: AddRelationInput, @Ctx() ctx: Context) {
    return perform(ctx, 'addRelation', 'node', input, addRelation);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RemoveRelationPayload, { description: `Removes a relation. ${ADMIN}` })
  removeRelation(@Arg('input', () => RemoveRelationInput, { description: 'The relation.' }) input: RemoveRelationInput, @Ctx() ctx: Context) {
    return perform(ctx, 'removeRelation', 'node', input, removeRelation);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AddEvidencePayload, { description: `Adds quotes to a fact’s evidence, each located in its source. ${EDIT}` })
  addEvidence(@Arg('input', () => AddEvidenceInput, { description: 'The fact and the quotes.' }) input: AddEvidenceInput, @Ctx() ctx: Context) {
    return perform(ctx, 'addEvidence', 'node', input, addEvidence);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => RemoveEvidencePayload, { description: `Takes one quote from a fact’s evidence (never its last). ${EDIT}` })
  removeEvidence(@Arg('input', () => RemoveEvidenceInput, { description: 'The fact and the span.' }) input: RemoveEvidenceInput, @Ctx() ctx: Context) {
    return perform(ctx, 'removeEvidence', 'node', input, removeEvidence);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => SetReportPayload, { description: `Sets how one source reports one fact (creating or replacing that source’s report): its evidence and cues must be spans of that source. ${EDIT}` })
  setReport(@Arg('input', () => SetReportInput, { description: 'The fact, the source and its reading.' }) input: SetReportInput, @Ctx() ctx: Context) {
    return performReport(ctx, 'setReport', input, setReport as Writer<never>);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => RemoveReportPayload, { description: `Takes one source’s report from a fact (never its last). ${EDIT}` })
  removeReport(@Arg('input', () => RemoveReportInput, { description: 'The fact and the source.' }) input: RemoveReportInput, @Ctx() ctx: Context) {
    return performReport(ctx, 'removeReport', input, removeReport as Writer<never>);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RestorePayload, { description: `Brings a node back as it was at a revision (a deleted one included), as a new revision. ${ADMIN}` })
  restore(@Arg('input', () => RestoreInput, { description: 'The node, the revision, the current version.' }) input: RestoreInput, @Ctx() ctx: Context) {
    return perform(ctx, 'restore', 'node', input, restore);
  }
}
