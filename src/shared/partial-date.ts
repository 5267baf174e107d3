import { z } from 'zod';
import { DatePrecision } from './enums.js';

/**
 * A date as the source gives it. UNKNOWN carries no year/month/day: a date the article leaves
 * out is never filled in; `note` says what the article does say ("last year", a blank).
 */
export const partialDate = z
  .strictObject({
    precision: z.enum(DatePrecision),
    year: z.number().int().optional(),
    month: z.number().int().min(1).max(12).optional(),
    day: z.number().int().min(1).max(31).optional(),
    note: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    const need: readonly string[] = { UNKNOWN: [], YEAR: ['year'], MONTH: ['year', 'month'], DAY: ['year', 'month', 'day'] }[d.precision];
    for (const part of ['year', 'month', 'day'] as const) {
      const has = d[part] !== undefined;
      if (has !== need.includes(part)) {
        ctx.addIssue({ code: 'custom', message: `${part} ${has ? 'must be absent' : 'is required'} at precision ${d.precision}` });
      }
    }
  });
export type PartialDateInput = z.infer<typeof partialDate>;

/** A partial date as the stored columns of `prefix` (`startPrecision`, `startYear` …); absent: UNKNOWN. */
export const dateColumns = <P extends string>(prefix: P, d: { precision: DatePrecision; year?: number | null; month?: number | null; day?: number | null; note?: string | null } | null | undefined) =>
  ({
    [`${prefix}Precision`]: d?.precision ?? DatePrecision.UNKNOWN,
    [`${prefix}Year`]: d?.year ?? null,
    [`${prefix}Month`]: d?.month ?? null,
    [`${prefix}Day`]: d?.day ?? null,
    [`${prefix}Note`]: d?.note ?? null,
  }) as Record<`${P}${'Precision' | 'Year' | 'Month' | 'Day' | 'Note'}`, never>;
