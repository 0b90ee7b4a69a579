// Training demo data: rosters for the four target groups with T2 coverage alive (neither 0% nor 100%), the sample
// session free for trying the import, an example sign-in sheet whose names need review (two ambiguous), and a
// removal that leaves nothing behind so the directory's demo can go after it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { systemActor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { removeDemo, seedDemo } from '../directory/directory.demo.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { previewSigninImport } from './training.excel.js';
import { removeTrainingDemo, SAMPLE_SESSION_PLACE, seedTrainingDemo, signinExample } from './training.demo.js';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});
const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db, q))[0]!.n);

describe('training demo data', () => {
  it('makes T2a–T2d coverage alive', async () => {
    await seedDemo(db);
    const r = await seedTrainingDemo(db);
    expect(r.people).toBeGreaterThan(500);
    expect(await n(sql`select count(*)::int as n from training_people where position not like '%(demo)'`)).toBe(0);
    const d = await getDashboard(db, { period: '2026' });
    for (const id of ['T2a', 'T2b', 'T2c', 'T2d']) {
      const f = d.figures.find((x) => x.id === id)!;
      expect(f.denominator, id).toBeGreaterThan(50);
      expect(f.value!, id).toBeGreaterThan(0.2);
      expect(f.value!, id).toBeLessThan(0.9);
    }
  });

  it('offers an example sign-in sheet for the sample session with two names to resolve', async () => {
    const [s] = await rows<{ id: number }>(db, sql`select id from training_sessions where place = ${SAMPLE_SESSION_PLACE}`);
    expect(await n(sql`select count(*)::int as n from training_attendance where session_id = ${s!.id}`)).toBe(0);
    const p = await previewSigninImport(db, systemActor('api'), Number(s!.id), await signinExample(db));
    expect(p.counts).toEqual({ matched: 3, ambiguous: 2, unknown: 0, new: 0 });
  });

  it('removes everything it made', async () => {
    await removeTrainingDemo(db);
    for (const t of [
      'training_people',
      'training_memberships',
      'training_courses',
      'training_sessions',
      'training_attendance',
      'training_imports',
    ]) {
      expect(await n(sql`select count(*)::int as n from ${sql.identifier(t)}`), t).toBe(0);
    }
    expect((await removeDemo(db)).kept).toEqual([]);
  });
});
