// Input validation shared by every service: a zod schema failure becomes validation_failed with one
// issue per field, so API, import and CLI report bad input the same way. Text that cannot be stored or exported and
// integers past PostgreSQL's integer are refused here too (kernel/input), with the field (and row) named.
import type { z } from 'zod';
import { fieldName, inputError, intRangeIssues, textIssues } from './input.js';
import { issueDetail } from './messages.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, row?: number): z.infer<S> {
  const text = textIssues(input);
  if (text.length) throw inputError(text, row);
  const r = schema.safeParse(input);
  if (!r.success)
    throw inputError(
      r.error.issues.map((i) => issueDetail(i, fieldName(i.path as (string | number)[]))),
      row,
    );
  const range = intRangeIssues(schema, r.data);
  if (range.length) throw inputError(range, row);
  return r.data;
}
