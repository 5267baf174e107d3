/** The five deletes: a node no other node refers to (nothing cascades), answered with its tombstone. */
import { typeOfId } from '../../shared/ids.js';
import type * as I from './write.inputs.js';
import { refuse, type Writer } from './write.runner.js';
import { UserErrorCode } from './write.types.js';

export function deleteOf(type: 'Actor' | 'Event' | 'Statement' | 'Issue' | 'Position'): Writer<I.DeleteInput> {
  return async (w, input) => {
    const wanted = typeOfId(input.id);
    if (wanted !== type) refuse(UserErrorCode.INVALID_VALUE, ['input', 'id'], `input.id: "${input.id}" is not a ${type} id`);
    const before = await w.current(type, input.id, input.expectedVersion);
    return { type, id: input.id, tombstone: await w.remove(type, before) };
  };
}
