/** A refusal of an export or of a synthetic bundle: the user's mistake, said in one line. */
export class ExportError extends Error {
  override name = 'ExportError';
}
