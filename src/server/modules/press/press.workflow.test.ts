// The transition map, pair by pair: every from × to combination is either allowed or refused, as listed.
import { describe, expect, it } from 'vitest';
import { PRESS_STATUSES, type PressStatus } from '../../../shared/contracts/press.js';
import { AppError } from '../../kernel/errors.js';
import { assertTransition, canTransition, isEditable } from './press.workflow.js';

const ALLOWED = new Set([
  'draft>scheduled',
  'draft>published',
  'scheduled>draft',
  'scheduled>published',
  'published>corrected',
  'published>withdrawn',
  'corrected>corrected',
  'corrected>withdrawn',
]);
const pairs = PRESS_STATUSES.flatMap((from) => PRESS_STATUSES.map((to) => [from, to] as [PressStatus, PressStatus]));

describe('press item lifecycle', () => {
  it('covers all 25 pairs', () => expect(pairs).toHaveLength(25));

  it.each(pairs)('%s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else {
      try {
        assertTransition(from, to);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('conflict');
      }
    }
  });

  it('lets only drafts and scheduled items be edited', () => {
    expect(PRESS_STATUSES.filter(isEditable)).toEqual(['draft', 'scheduled']);
  });
});
