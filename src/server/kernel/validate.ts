// Input validation shared by every service: a zod schema failure becomes validation_failed with one
// issue per field, so API, import and CLI report bad input the same way.
import type { z } from 'zod';
import { AppError } from './errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, row?: number): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ ...(row !== undefined ? { row } : {}), field: i.path.join('.') || '(input)', message: i.message }));
  throw new AppError('validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}
