/**
 * Splits a source text into sentences with code-point offsets. A full stop ends a sentence
 * unless it closes an abbreviation the article uses ("U.S.").
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

export function articleSentences(text: string): Sentence[] {
  const points = [...text];
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = points.slice(start, end).join('');
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) sentences.push({ start: start + lead, end: start + lead + [...body].length, text: body });
    start = end;
  };
  for (let i = 0; i < points.length; i++) {
    const c = points[i]!;
    if (c === '\n') push(i + 1);
    else if (/[.!?]/.test(c) && (points[i + 1] === ' ' || points[i + 1] === '\n' || i + 1 === points.length)) {
      const before = points.slice(Math.max(0, i - 3), i + 1).join('');
      if (!/U\.S\.$/.test(before)) push(i + 1);
    }
  }
  push(points.length);
  return sentences;
}
