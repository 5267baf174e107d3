/**
 * Builds small or large knowledge bases for tests as a SeedPlan, written through the real
 * write path (`writeSeed`), so sizes can vary without hand-written SQL.
 */
import { emptyPlan, type SeedPlan } from '../../src/bulk/bundle-reader.js';
import { CodePointText } from '../../src/shared/text-span.js';

/**
 * `actors` actors, each speaking `statementsPerActor` statements about `issues` issues, and
 * each holding a position on every issue; every entity cites its own sentence of the source.
 */
export function syntheticPlan(actors: number, statementsPerActor: number, issues = 3): SeedPlan {
  const plan = emptyPlan();
  const sentences: string[] = [];
  const cite = (sentence: string) => sentences.push(sentence);
  for (let i = 0; i < issues; i++) {
    plan.issues.push({ id: `issue:i${i}`, name: `Issue ${i}`, description: `Synthetic issue ${i}` });
    cite(`Issue number ${i} is discussed.`);
  }
  for (let a = 0; a < actors; a++) {
    plan.actors.push({ id: `actor:a${a}`, name: `Actor ${a}`, kind: 'STATE' as never, countryCode: null, cameoCode: null, description: `Synthetic actor ${a}` });
    cite(`Actor number ${a} exists.`);
    for (let i = 0; i < issues; i++) {
      plan.positions.push({ id: `position:a${a}-i${i}`, actorId: `actor:a${a}`, issueId: `issue:i${i}`, stance: (a % 2 ? 'SUPPORTS' : 'OPPOSES') as never, firmness: 'UNKNOWN' as never, isPrecondition: false, summary: `Position of ${a} on ${i}` });
    }
    for (let s = 0; s < statementsPerActor; s++) {
      const id = `statement:a${a}-s${s}`;
      plan.statements.push({ id, kind: 'CLAIM' as never, summary: `Claim ${s} of actor ${a}`, speakerId: `actor:a${a}`, attributionKind: 'NAMED' as never, attributionDetail: null, targetId: null, eventId: null });
      plan.statementIssues.push({ statementId: id, issueId: `issue:i${s % issues}` });
      cite(`Actor number ${a} made claim number ${s}.`);
    }
  }
  const text = sentences.join(' ');
  plan.sources.push({ id: 'source:synthetic', title: 'Synthetic', text, url: null });
  const located = new CodePointText(text);
  const subjects = [
    ...plan.issues.map((i, n) => ({ issueId: i.id, quote: `Issue number ${n} is discussed.` })),
    ...plan.actors.map((x, n) => ({ actorId: x.id, quote: `Actor number ${n} exists.` })),
  ];
  for (const { quote, ...subject } of subjects) plan.evidence.push({ sourceId: 'source:synthetic', ...located.locate(quote), ...subject });
  return plan;
}
