// Demo data: the real ministries and central agencies (public facts), a People's Committee, a department,
// a newspaper and a Fatherland Front committee for each of the 34 provinces, missions abroad, fictional
// people and one user per role (the provincial coordinator: Hà Nội). Everything here is marked is_demo and removed by `seed --remove-demo`.
import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { asciiName, readReference } from './directory.reference.js';
import { adminUnits, organisations, people, users } from './directory.tables.js';
import { createOrganisation } from './organisations.service.js';
import { createUser } from './users.service.js';

export const DEMO_PASSWORD = 'rightshub-demo';
export const DEMO_USERS = [
  { username: 'admin', displayName: 'Quản trị Văn phòng Đề án (demo)', role: 'admin', org: null },
  { username: 'editor', displayName: 'Biên tập viên UBND Hà Nội (demo)', role: 'editor', org: 'UBND-01' },
  { username: 'reviewer', displayName: 'Người thẩm định (demo)', role: 'reviewer', org: 'BNG' },
  { username: 'analyst', displayName: 'Chuyên viên phân tích (demo)', role: 'analyst', org: 'BNG' },
  { username: 'viewer', displayName: 'Người xem (demo)', role: 'viewer', org: null },
  { username: 'coordinator', displayName: 'Điều phối viên tỉnh Hà Nội (demo)', role: 'coordinator', org: null, province: '01' },
] as const;

const KIND: Record<string, string> = {
  ministry: 'ministry',
  ministerial_agency: 'central_agency',
  press: 'press',
  socio_political: 'socio_political_central',
};
const CODES: Record<string, string> = { 'Bộ Ngoại giao': 'BNG', 'Mặt trận Tổ quốc Việt Nam': 'MTTQ' };

function initials(name: string): string {
  return asciiName(name)
    .split(/[\s,-]+/)
    .filter((w) => w && !['va', 'và'].includes(w.toLowerCase()))
    .map((w) => w[0].toUpperCase())
    .join('');
}

const MISSIONS = [
  {
    code: 'PDTT-GENEVA',
    nameVi: 'Phái đoàn đại diện thường trực Việt Nam tại Geneva',
    nameEn: 'Permanent Mission of Viet Nam in Geneva',
    country: 'CH',
  },
  {
    code: 'PDTT-NEWYORK',
    nameVi: 'Phái đoàn đại diện thường trực Việt Nam tại Liên hợp quốc (New York)',
    nameEn: 'Permanent Mission of Viet Nam to the United Nations (New York)',
    country: 'US',
  },
  { code: 'DSQ-FR', nameVi: 'Đại sứ quán Việt Nam tại Pháp', nameEn: 'Embassy of Viet Nam in France', country: 'FR' },
  { code: 'DSQ-JP', nameVi: 'Đại sứ quán Việt Nam tại Nhật Bản', nameEn: 'Embassy of Viet Nam in Japan', country: 'JP' },
];

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Hà', 'Hương', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Thảo', 'Tuấn', 'Yến'];

export async function hasData(db: Db): Promise<boolean> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (r?.n ?? 0) > 0;
}

export async function hasDemoUsers(db: Db): Promise<boolean> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.isDemo, true));
  return (r?.n ?? 0) > 0;
}

export async function seedDemo(db: Db): Promise<{ organisations: number; people: number; users: number }> {
  const actor = systemActor('seed', 'seed --demo');
  const [already] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organisations)
    .where(eq(organisations.isDemo, true));
  if ((already?.n ?? 0) > 0) throw new Error('Demo data is already loaded; remove it first with `rightshub seed --remove-demo`');
  const ids = new Map<string, number>();
  const used = new Set<string>();
  const add = async (input: Record<string, unknown> & { code: string }) => {
    let code = input.code;
    for (let i = 2; used.has(code.toLowerCase()); i++) code = `${input.code}-${i}`;
    used.add(code.toLowerCase());
    const o = await createOrganisation(db, actor, { ...input, code }, { isDemo: true });
    ids.set(code, o.id);
    return o;
  };
  const central = readReference('central-organisations.csv');
  const byName = new Map<string, number>();
  for (const r of central) {
    const o = await add({
      code: CODES[r.name_vi] ?? initials(r.name_vi),
      nameVi: r.name_vi,
      nameEn: r.name_en,
      kind: KIND[r.kind] ?? 'other',
      isStateAdminAgency: r.kind === 'ministry' || r.kind === 'ministerial_agency',
    });
    byName.set(r.name_vi, o.id);
  }
  for (const r of central.filter((c) => c.valid_to)) {
    await db
      .update(organisations)
      .set({ active: false, validTo: r.valid_to, successorId: byName.get(r.successor_vi) ?? null, updatedAt: new Date() })
      .where(eq(organisations.id, byName.get(r.name_vi)!));
  }
  for (const r of central.filter((c) => c.valid_from))
    await db
      .update(organisations)
      .set({ validFrom: r.valid_from, updatedAt: new Date() })
      .where(eq(organisations.id, byName.get(r.name_vi)!));
  const units = await db.select().from(adminUnits).where(eq(adminUnits.mapVersion, '34'));
  const p34 = new Map(readReference('provinces-34.csv').map((r) => [r.code, r.type]));
  for (const u of units.sort((a, b) => a.code.localeCompare(b.code))) {
    const place = `${p34.get(u.code) === 'municipality' ? 'thành phố' : 'tỉnh'} ${u.nameVi}`;
    const pc = await add({
      code: `UBND-${u.code}`,
      nameVi: `Ủy ban nhân dân ${place}`,
      nameEn: `People's Committee of ${u.nameEn}`,
      kind: 'provincial_committee',
      provinceCode: u.code,
      isStateAdminAgency: true,
    });
    await add({
      code: `SVHTTDL-${u.code}`,
      nameVi: `Sở Văn hóa, Thể thao và Du lịch ${place}`,
      nameEn: `Department of Culture, Sports and Tourism of ${u.nameEn}`,
      kind: 'provincial_department',
      parentId: pc.id,
      provinceCode: u.code,
      isStateAdminAgency: true,
    });
    await add({
      code: `BAO-${u.code}`,
      nameVi: `Báo ${u.nameVi}`,
      nameEn: `${u.nameEn} Newspaper`,
      kind: 'press',
      parentId: pc.id,
      provinceCode: u.code,
    });
    await add({
      code: `MTTQ-${u.code}`,
      nameVi: `Ủy ban Mặt trận Tổ quốc Việt Nam ${place}`,
      nameEn: `Viet Nam Fatherland Front Committee of ${u.nameEn}`,
      kind: 'socio_political_provincial',
      parentId: ids.get('MTTQ') ?? null,
      provinceCode: u.code,
    });
  }
  for (const m of MISSIONS)
    await add({
      code: m.code,
      nameVi: m.nameVi,
      nameEn: m.nameEn,
      kind: 'mission_abroad',
      parentId: ids.get('BNG') ?? null,
      countryCode: m.country,
      isStateAdminAgency: true,
    });

  // Fictional people: two per People's Committee.
  const orgIds = [...ids.entries()].filter(([c]) => c.startsWith('UBND-')).map(([, id]) => id);
  let n = 0;
  const peopleRows = orgIds.flatMap((orgId, i) =>
    [0, 1].map((k) => {
      n++;
      return {
        fullName: `${SURNAMES[(i + k) % SURNAMES.length]} ${MIDDLE[(i * 3 + k) % MIDDLE.length]} ${GIVEN[(i * 5 + k * 7) % GIVEN.length]}`,
        position: k === 0 ? 'Chánh Văn phòng (demo)' : 'Chuyên viên (demo)',
        organisationId: orgId,
        isDemo: true,
      };
    }),
  );
  await db.insert(people).values(peopleRows);
  await recordAudit(db, actor, 'create-many', 'person', null, null, { count: n, demo: true });

  for (const u of DEMO_USERS) {
    await createUser(
      db,
      actor,
      {
        username: u.username,
        displayName: u.displayName,
        password: DEMO_PASSWORD,
        role: u.role,
        organisationId: u.org ? (ids.get(u.org) ?? null) : null,
        provinceCode: 'province' in u ? u.province : null,
      },
      { isDemo: true },
    );
  }
  return { organisations: ids.size, people: n, users: DEMO_USERS.length };
}

/** Removes everything demo-made. Demo organisations that real records still point to are kept and listed. */
export async function removeDemo(db: Db): Promise<{ organisations: number; people: number; users: number; kept: string[] }> {
  return db.transaction(async (tx) => {
    const demoUsers = await tx.delete(users).where(eq(users.isDemo, true)).returning({ id: users.id });
    const demoPeople = await tx.delete(people).where(eq(people.isDemo, true)).returning({ id: people.id });
    const demoOrgs = await tx
      .select({ id: organisations.id, code: organisations.code, parentId: organisations.parentId, successorId: organisations.successorId })
      .from(organisations)
      .where(eq(organisations.isDemo, true));
    const demoIds = demoOrgs.map((o) => o.id);
    const pinned = new Set<number>();
    if (demoIds.length) {
      // Every foreign key to organisations, in any module's table: a remaining (real) row pins its organisation.
      const fks = await rows<{ tbl: string; col: string }>(
        tx,
        sql`
        select c.conrelid::regclass::text as tbl, a.attname as col from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'f' and c.confrelid = 'organisations'::regclass`,
      );
      for (const fk of fks) {
        const notDemoOrg = fk.tbl === 'organisations' ? sql` and not is_demo` : sql``;
        const refs = await rows<{ id: number }>(
          tx,
          sql`select distinct ${sql.identifier(fk.col)} as id from ${sql.identifier(fk.tbl)} where ${sql.identifier(fk.col)} in ${demoIds}${notDemoOrg}`,
        );
        for (const r of refs) pinned.add(r.id);
      }
    }
    // A kept organisation keeps its ancestors and successor too.
    const byId = new Map(demoOrgs.map((o) => [o.id, o]));
    for (const start of [...pinned]) {
      for (let o = byId.get(start); o; o = o.parentId ? byId.get(o.parentId) : undefined) {
        pinned.add(o.id);
        if (o.successorId && byId.has(o.successorId)) pinned.add(o.successorId);
      }
    }
    const removable = demoIds.filter((id) => !pinned.has(id));
    if (removable.length) {
      await tx.update(organisations).set({ parentId: null, successorId: null }).where(inArray(organisations.id, removable));
      await tx.delete(organisations).where(inArray(organisations.id, removable));
    }
    const kept = demoOrgs.filter((o) => pinned.has(o.id)).map((o) => o.code);
    await recordAudit(tx, systemActor('cli', 'seed --remove-demo'), 'remove-demo', 'demo', null, null, {
      users: demoUsers.length,
      people: demoPeople.length,
      organisations: removable.length,
      kept,
    });
    return { organisations: removable.length, people: demoPeople.length, users: demoUsers.length, kept };
  });
}
