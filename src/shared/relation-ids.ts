/** The id of a relation row: readable, and stable because it is built from the ids it joins. */
export const relationId = (subject: string, kind: string, object: string) => `${subject}|${kind}|${object}`;
