/**
 * `npm run kb -- synth --statements N <dir>`: a deterministic synthetic bundle of about N
 * statements, in the proportions of a news collection: a source per 20 statements, an actor
 * per 10 (states, each with affiliated officials), an issue per 50, an event per 5, positions
 * of the states and officials on the issues (some of them conflicting, some preconditions,
 * some hedged), relations between events and between statements, and evidence on every fact.
 * Every quote is a sentence of its source that occurs once, so the bundle always validates.
 * The same N always gives the same bundle (a fixed-seed generator), for tests and benchmarks.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, and the same sequence everywhere for a seed (also the tests' synthetic bases). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SynthSummary {
  sources: number;
  actors: number;
  issues: number;
  events: number;
  statements: number;
  positions: number;
}

const STANCES = ['DEMANDS', 'SUPPORTS', 'OPEN_TO', 'OPPOSES', 'REJECTS'] as const;
const STATEMENT_KINDS = ['CLAIM', 'DEMAND', 'POSITION', 'REPORT', 'ANALYSIS'] as const;
const EVENT_KINDS = ['NEGOTIATION', 'MEETING', 'THREAT', 'PROTEST', 'SANCTIONS'] as const;

/** Writes the bundle: the texts and one JSON-lines file per kind of entry (`data/sources.jsonl`, `data/actors.jsonl` …), each written as it is made. */
export function synthesize(statements: number, dir: string): SynthSummary {
  if (!Number.isInteger(statements) || statements < 1 || statements > 2_000_000) throw new RangeError(`--statements must be a whole number from 1 to 2000000 (got ${statements})`);
  const random = seededRandom(statements);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const nSources = Math.max(1, Math.ceil(statements / 20));
  const nStates = Math.max(2, Math.ceil(statements / 40));
  const officialsPerState = 3;
  const nIssues = Math.max(2, Math.ceil(statements / 50));
  const nEvents = Math.max(1, Math.ceil(statements / 5));

  // Sentences are gathered per source as facts are made; each names its fact, so it is unique.
  const sentences: string[][] = Array.from({ length: nSources }, () => []);
  let next = 0;
  const cite = (text: string) => {
    const source = next++ % nSources;
    sentences[source]!.push(text);
    return { quote: text, source: `source:s${source}` };
  };

  // The JSON-lines form: one entry a line, read line by line on import; written in chunks, never held whole.
  mkdirSync(join(dir, 'data'), { recursive: true });
  const files = new Map<string, { fd: number; pending: string[] }>();
  const flush = (out: { fd: number; pending: string[] }) => {
    writeSync(out.fd, out.pending.join(''));
    out.pending = [];
  };
  const entry = (file: string, value: unknown) => {
    let out = files.get(file);
    if (!out) files.set(file, (out = { fd: openSync(join(dir, 'data', file), 'w'), pending: [] }));
    out.pending.push(`${JSON.stringify(value)}\n`);
    if (out.pending.length >= 4096) flush(out);
  };

  const actors: string[] = [];
  const states: string[] = [];
  for (let s = 0; s < nStates; s++) {
    const state = `actor:state-${s}`;
    states.push(state);
    actors.push(state);
    entry('actors.jsonl', { id: state, name: `State ${s}`, kind: 'STATE', description: `Synthetic state ${s}.`, evidence: [cite(`State ${s} is a party to the talks.`)] });
    for (let o = 0; o < officialsPerState; o++) {
      const official = `actor:official-${s}-${o}`;
      actors.push(official);
      entry('actors.jsonl', {
        id: official, name: `Official ${s}-${o}`, kind: 'PERSON', description: `An official of State ${s}.`, evidence: [cite(`Official ${s}-${o} speaks for State ${s}.`)],
        affiliations: [{ organization: state, role: 'Minister', evidence: [cite(`Official ${s}-${o} is a minister of State ${s}.`)] }],
      });
    }
  }
  for (let i = 0; i < nIssues; i++) entry('issues.jsonl', { id: `issue:i${i}`, name: `Issue ${i}`, description: `Synthetic issue ${i}.`, evidence: [cite(`Issue ${i} is on the table.`)] });
  for (let e = 0; e < nEvents; e++) {
    const a = pick(states);
    const b = pick(states);
    entry('events.jsonl', {
      id: `event:e${e}`, title: `Event ${e}`, summary: `Synthetic event ${e}.`, kind: pick(EVENT_KINDS), status: 'OCCURRED',
      participants: [{ actor: a, role: 'INITIATOR' }, ...(b === a ? [] : [{ actor: b, role: 'TARGET' }])], issues: [`issue:i${e % nIssues}`],
      relations: e > 0 ? [{ kind: 'AFTER', object: `event:e${e - 1}`, evidence: [cite(`Event ${e} came after event ${e - 1}.`)] }] : [],
      evidence: [cite(`Event ${e} took place.`)],
    });
  }
  for (let n = 0; n < statements; n++) {
    const speaker = pick(actors);
    const hedged = random() < 0.2;
    entry('statements.jsonl', {
      id: `statement:st${n}`, kind: pick(STATEMENT_KINDS), summary: `Synthetic statement ${n}.`, speaker, attribution: { kind: 'NAMED' },
      event: `event:e${n % nEvents}`, issues: [`issue:i${n % nIssues}`],
      relations: n % 25 === 1 ? [{ kind: 'DENIES', object: `statement:st${n - 1}`, evidence: [cite(`Statement ${n} denies statement ${n - 1}.`)] }] : [],
      ...(hedged ? { factuality: { certainty: 'PROBABLE', cues: [cite(`Statement ${n} is likely to hold.`)] } } : {}),
      evidence: [cite(`Statement ${n} was made by ${speaker}.`)],
    });
  }
  // Each state takes a position on a few issues; its first official sometimes on others: some conflict.
  let positions = 0;
  states.forEach((state, s) => {
    for (let k = 0; k < 3; k++) {
      const issue = `issue:i${(s * 3 + k) % nIssues}`;
      const holder = k === 2 ? `actor:official-${s}-0` : state;
      const stance = pick(STANCES);
      entry('positions.jsonl', {
        id: `position:p${s}-${k}`, actor: holder, issue, stance, isPrecondition: stance === 'DEMANDS' && random() < 0.3,
        summary: `${holder} ${stance.toLowerCase()} ${issue}.`, statements: [`statement:st${(s * 3 + k) % statements}`],
        evidence: [cite(`Position ${s}-${k}: ${holder} ${stance.toLowerCase()} ${issue}.`)],
      });
      positions++;
    }
  });

  sentences.forEach((list, i) => {
    writeFileSync(join(dir, `s${i}.txt`), list.join(' ') + '\n');
    entry('sources.jsonl', { id: `source:s${i}`, title: `Synthetic source ${i}`, file: `s${i}.txt` });
  });
  writeFileSync(join(dir, 'data', 'places.yaml'), '[]\n');
  for (const out of files.values()) {
    flush(out);
    closeSync(out.fd);
  }
  return { sources: nSources, actors: actors.length, issues: nIssues, events: nEvents, statements, positions };
}
