import { Field, Int, ObjectType } from 'type-graphql';
import { DatePrecision } from '../../shared/enums.js';

/**
 * A date as precise as the source makes it. A date the source leaves out is UNKNOWN with
 * year, month, day and iso all null; `note` says what the source does say.
 */
@ObjectType('PartialDate', { description: 'A date only as precise as the source gives it; nothing is filled in from outside the source.' })
export class PartialDate {
  @Field(() => DatePrecision, { description: 'How much of the date the source gives.' })
  precision!: DatePrecision;

  @Field(() => Int, { nullable: true, description: 'The year, when known.' })
  year!: number | null;

  @Field(() => Int, { nullable: true, description: 'The month (1-12), when known.' })
  month!: number | null;

  @Field(() => Int, { nullable: true, description: 'The day of the month, when known.' })
  day!: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 at the known precision (`2025`, `2025-04`, `2025-04-12`); null when UNKNOWN.' })
  iso!: string | null;

  @Field(() => String, { nullable: true, description: 'What the source says about the date, e.g. "last year", or that it leaves the date blank.' })
  note!: string | null;
}

interface DateColumns {
  precision: DatePrecision;
  year: number | null;
  month: number | null;
  day: number | null;
  note: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The API's PartialDate from the stored columns; fields finer than the precision are dropped. */
export function toPartialDate(d: DateColumns): PartialDate {
  const known = (min: DatePrecision[]) => min.includes(d.precision);
  const year = known([DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY]) ? d.year : null;
  const month = known([DatePrecision.MONTH, DatePrecision.DAY]) ? d.month : null;
  const day = known([DatePrecision.DAY]) ? d.day : null;
  const iso = year === null ? null : [String(year).padStart(4, '0'), month && pad(month), day && pad(day)].filter(Boolean).join('-');
  return { precision: d.precision, year, month, day, iso, note: d.note };
}
