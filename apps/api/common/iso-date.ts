import { z } from 'zod';
import { isIsoDate } from '@duban/domain';

/** How the OpenAPI document describes a date (the check itself is isIsoDate: a real day in 2000–2100). */
export const ISO_DATE_DOC = { format: 'date', pattern: '^(20\\d\\d|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' } as const;

/** A date written YYYY-MM-DD, as request bodies and queries take it. */
export const isoDate = z.string().refine(isIsoDate, '日期应为有效日期，格式 YYYY-MM-DD').meta(ISO_DATE_DOC);
