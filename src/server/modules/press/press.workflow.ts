// The lifecycle of a press item as an explicit transition map: draft → scheduled → published →
// corrected | withdrawn. Anything not listed is refused. A withdrawn item stays as a public tombstone.
import type { PressStatus } from '../../../shared/contracts/press.js';
import { AppError } from '../../kernel/errors.js';

export type PressAction = 'schedule' | 'unschedule' | 'publish' | 'correct' | 'withdraw';

/** from → the statuses it may move to. `corrected → corrected` is a further correction. */
export const TRANSITIONS: Readonly<Record<PressStatus, readonly PressStatus[]>> = {
  draft: ['scheduled', 'published'],
  scheduled: ['draft', 'published'],
  published: ['corrected', 'withdrawn'],
  corrected: ['corrected', 'withdrawn'],
  withdrawn: [],
};

/** The status each action leads to. */
export const ACTION_TARGET: Readonly<Record<PressAction, PressStatus>> = {
  schedule: 'scheduled',
  unschedule: 'draft',
  publish: 'published',
  correct: 'corrected',
  withdraw: 'withdrawn',
};

export function canTransition(from: PressStatus, to: PressStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: PressStatus, to: PressStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('conflict', `A ${from} item cannot become ${to}`, [
      { field: 'status', message: `${from} → ${to} is not allowed; allowed: ${TRANSITIONS[from].join(', ') || 'none'}` },
    ]);
  }
}

/** Only drafts and scheduled items may be edited freely; published ones change through a correction. */
export function isEditable(status: PressStatus): boolean {
  return status === 'draft' || status === 'scheduled';
}

/** Statuses visible to the public (a withdrawn item shows as a tombstone with its reason). */
export const PUBLIC_STATUSES: readonly PressStatus[] = ['published', 'corrected', 'withdrawn'];
/** Statuses that count as information given (compliance and T1). */
export const COUNTING_STATUSES: readonly PressStatus[] = ['published', 'corrected'];
