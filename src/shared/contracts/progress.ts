// The figure of long work while it runs (GET /api/progress/:id, kernel/progress): the stage, rows done, rows in all.
import { z } from 'zod';

export const PROGRESS_STAGES = ['read', 'match', 'write'] as const;
export const ProgressId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 characters A–Z a–z 0–9 _ -');
export const ProgressFigure = z.object({
  stage: z.enum(PROGRESS_STAGES),
  done: z.number().int(),
  /** Rows in all, when known (rows read while the file is still being read: unknown). */
  total: z.number().int().nullable(),
  finished: z.boolean(),
});
export type ProgressFigure = z.infer<typeof ProgressFigure>;
