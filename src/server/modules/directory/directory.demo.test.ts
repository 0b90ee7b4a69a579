// Demo data: loaded once, everything marked as demo, removed by one command; demo organisations that
// real records point to are kept (with their ancestors) and named.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Db } from '../../kernel/db.js';
import { removeDemo, seedDemo } from './directory.demo.js';
import { organisations, users } from './directory.tables.js';
import { findOrganisationByCode } from './organisations.service.js';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});
const n = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n;

describe('demo data', () => {
  it('loads real central agencies, a committee per province, missions abroad and one user per role', async () => {
    const r = await seedDemo(db);
    expect(r.users).toBe(6); // one per role, the provincial coordinator included
    expect(await n(sql`select count(*)::int as n from organisations where kind = 'provincial_committee'`)).toBe(34);
    expect(await n(sql`select count(*)::int as n from organisations where kind = 'mission_abroad' and country_code is not null`)).toBe(4);
    expect(await n(sql`select count(*)::int as n from organisations where not is_demo`)).toBe(0);
    // The ministries merged in 2025 are kept, inactive, pointing to their successor.
    const mic = await db.select().from(organisations).where(eq(organisations.nameVi, 'Bộ Thông tin và Truyền thông'));
    expect(mic[0]).toMatchObject({ active: false, validTo: '2025-02-28' });
    const [succ] = await db.select().from(organisations).where(eq(organisations.id, mic[0].successorId!));
    expect(succ.nameVi).toBe('Bộ Khoa học và Công nghệ');
    await expect(seedDemo(db)).rejects.toThrow(/already loaded/);
  });

  it('removes everything demo-made but keeps organisations real records point to', async () => {
    const dept = await findOrganisationByCode(db, 'SVHTTDL-08');
    const real = await makeUser(db, 'editor', dept!.id);
    const r = await removeDemo(db);
    expect(r.users).toBe(6); // one per role, the provincial coordinator included
    expect(r.kept.sort()).toEqual(['SVHTTDL-08', 'UBND-08']);
    expect(await n(sql`select count(*)::int as n from organisations`)).toBe(2);
    expect(await n(sql`select count(*)::int as n from people`)).toBe(0);
    expect((await db.select().from(users)).map((u) => u.username)).toEqual([real.username]);
  });
});
