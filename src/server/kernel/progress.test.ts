// The registry of running work's figures (kernel/progress): one user's figure is not another's, memory is bounded,
// figures expire, and reports are throttled (a stage change is always kept).
import { describe, expect, it } from 'vitest';
import { countRead, noProgress, PROGRESS_ID, ProgressRegistry } from './progress.js';

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('progress registry', () => {
  it('keys figures by user and id: another user (or an unknown id) gets nothing', () => {
    const c = clock();
    const r = new ProgressRegistry({ perUser: 5, overall: 50, ttlMs: 60_000, throttleMs: 250 }, c.now);
    const p = r.start(1, 'abcdefgh-1');
    p.report('read', 10);
    expect(r.get(1, 'abcdefgh-1')).toEqual({ stage: 'read', done: 10, total: null, finished: false });
    expect(r.get(2, 'abcdefgh-1')).toBeNull();
    expect(r.get(1, 'abcdefgh-2')).toBeNull();
    // Two users may use the same id without meeting.
    r.start(2, 'abcdefgh-1').report('write', 3, 9);
    expect(r.get(1, 'abcdefgh-1')!.stage).toBe('read');
    expect(r.get(2, 'abcdefgh-1')).toMatchObject({ stage: 'write', done: 3, total: 9 });
  });

  it('takes only well-formed ids: 8–64 characters A–Z a–z 0–9 _ -', () => {
    expect(PROGRESS_ID.test('abc')).toBe(false);
    expect(PROGRESS_ID.test('a'.repeat(65))).toBe(false);
    expect(PROGRESS_ID.test('abcd efgh')).toBe(false);
    expect(PROGRESS_ID.test('0123456789abcdef0123456789abcdef')).toBe(true);
    const r = new ProgressRegistry();
    expect(r.start(1, '../../etc')).toBe(noProgress);
    expect(r.start(1, null)).toBe(noProgress);
    expect(r.size()).toBe(0);
  });

  it('is bounded per user and overall: the oldest figures go first', () => {
    const c = clock();
    const r = new ProgressRegistry({ perUser: 3, overall: 5, ttlMs: 60_000, throttleMs: 0 }, c.now);
    for (let i = 0; i < 5; i++) r.start(1, `user1-job-${i}`);
    expect(r.size()).toBe(3);
    expect(r.get(1, 'user1-job-0')).toBeNull();
    expect(r.get(1, 'user1-job-4')).not.toBeNull();
    for (let i = 0; i < 3; i++) r.start(2, `user2-job-${i}`);
    expect(r.size()).toBe(5);
    expect(r.get(1, 'user1-job-2')).toBeNull(); // the oldest of all made room
    expect(r.get(2, 'user2-job-2')).not.toBeNull();
    // The sessions remembered (for polls answered from memory) are bounded alike.
    for (let i = 0; i < 8; i++) r.start(3, `user3-job-${i}`, `token-${i}`);
    expect(r.sessionOwner('token-0')).toBeNull();
    expect(r.sessionOwner('token-7')).toBe(3);
  });

  it('forgets a figure ttl after its last word, finished or not, and the session that started it', () => {
    const c = clock();
    const r = new ProgressRegistry({ perUser: 5, overall: 50, ttlMs: 60_000, throttleMs: 0 }, c.now);
    const a = r.start(1, 'running-1', 'token-a');
    const b = r.start(1, 'finished-1');
    b.report('write', 5, 5);
    b.finish();
    expect(r.get(1, 'finished-1')!.finished).toBe(true);
    expect(r.sessionOwner('token-a')).toBe(1);
    expect(r.sessionOwner('token-b')).toBeNull();
    c.advance(50_000);
    a.report('read', 100); // a word: kept 60 s more
    c.advance(20_000);
    expect(r.get(1, 'finished-1')).toBeNull();
    expect(r.get(1, 'running-1')!.done).toBe(100);
    c.advance(61_000);
    expect(r.get(1, 'running-1')).toBeNull();
    expect(r.sessionOwner('token-a')).toBeNull();
    expect(r.size()).toBe(0);
    // A finished figure takes no more reports.
    b.report('read', 1);
    expect(r.get(1, 'finished-1')).toBeNull();
  });

  it('throttles reports: within the interval only a change of stage or total is stored', () => {
    const c = clock();
    const r = new ProgressRegistry({ perUser: 5, overall: 50, ttlMs: 60_000, throttleMs: 250 }, c.now);
    const p = r.start(7, 'throttled-1');
    p.report('read', 1);
    p.report('read', 2);
    p.report('read', 3);
    expect(r.get(7, 'throttled-1')!.done).toBe(1);
    c.advance(250);
    p.report('read', 4);
    expect(r.get(7, 'throttled-1')!.done).toBe(4);
    p.report('match', 0, 10); // a new stage: stored at once
    expect(r.get(7, 'throttled-1')).toMatchObject({ stage: 'match', done: 0, total: 10 });
    p.report('match', 5, 10);
    expect(r.get(7, 'throttled-1')!.done).toBe(0);
    p.report('match', 10, 10); // complete: stored at once
    expect(r.get(7, 'throttled-1')!.done).toBe(10);
    p.report('write', 0, 10);
    p.report('write', 3, 10); // held back …
    expect(r.get(7, 'throttled-1')!.done).toBe(0);
    p.finish(); // … and stored when the work ends
    expect(r.get(7, 'throttled-1')).toEqual({ stage: 'write', done: 3, total: 10, finished: true });
  });

  it('counts rows as a stream is read', async () => {
    const r = new ProgressRegistry({ perUser: 5, overall: 50, ttlMs: 60_000, throttleMs: 0 });
    const p = r.start(1, 'counting-1');
    async function* rows() {
      for (let i = 0; i < 1000; i++) yield i;
    }
    let n = 0;
    for await (const _ of countRead(rows(), p)) n++;
    expect(n).toBe(1000);
    expect(r.get(1, 'counting-1')).toMatchObject({ stage: 'read', done: 1000, total: null });
  });
});
