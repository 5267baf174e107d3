/** `addSource`: a source text, NFC-normalised, refused when the same text is stored already; what it reprints must exist. */
import type * as t from '../../db/tables.js';
import { contentHash } from '../../shared/text-span.js';
import { columnsOf } from '../../store/entities.js';
import { slugId } from './write.build.js';
import type * as I from './write.inputs.js';
import { refuse, type StoredResult, type Write } from './write.runner.js';
import { sourceWithHash } from './write.store.js';
import { UserErrorCode } from './write.types.js';

export async function addSource(w: Write, input: I.AddSourceInput): Promise<StoredResult> {
  const text = input.text.normalize('NFC');
  const hash = contentHash(text);
  const same = await sourceWithHash(w.tx, hash);
  if (same) refuse(UserErrorCode.DUPLICATE_ID, ['input', 'text'], `input.text: the same text is already ${same}`);
  const id = input.id ?? slugId('source', input.title, ['input', 'title']);
  if (input.reprintOf) {
    // A new source cannot be in another's reprint chain yet, so only itself would close a cycle.
    if (input.reprintOf === id) refuse(UserErrorCode.INVALID_VALUE, ['input', 'reprintOf'], `input.reprintOf: ${id} cannot reprint itself`);
    await w.requireIds('Source', [input.reprintOf], ['input', 'reprintOf']);
  }
  const row = { id, ...columnsOf('Source', input, 'create'), text, contentHash: hash, version: 1 } as t.SourceRow;
  await w.create('Source', { row });
  return { type: 'Source', id };
}
