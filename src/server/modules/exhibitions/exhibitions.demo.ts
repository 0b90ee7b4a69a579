// Demo data of the exhibitions module: clearly fictional exhibitions ("(demo)" at the end of every title) by the
// demo provincial departments of culture, 2023 to 2026, in about two thirds of the 63 pre-2025 units (the rest are
// left uncovered so T3's gap is visible), before and after the 2025 merger (after it: the 34-unit province and the
// pre-2025 unit), three abroad (missions in Geneva, Paris, Tokyo) and two online exhibitions whose items are the
// library's demo products with image files. About nine in ten physical ones are shown on the portal (their venues are
// the public map's points), the rest stay internal records. Written through the service (validation, audit), marked is_demo;
// removeExhibitionsDemo deletes it (call it before the library's and the directory's demo removal).
import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { interiorPoint } from '../../../shared/provinceGeometry.js';
import { loadProvinceGeometry } from '../directory/geometry.js';
import { organisations } from '../directory/directory.tables.js';
import { createExhibition, setExhibitionPublic, setOnlinePublished } from './exhibitions.service.js';
import {
  exhibitionAudiences,
  exhibitionCaptionLanguages,
  exhibitionItems,
  exhibitionOrganisers,
  exhibitionPhotos,
  exhibitions,
  exhibitionTexts,
} from './exhibitions.tables.js';

const rand = (...n: number[]) =>
  crypto
    .createHash('sha256')
    .update(`exhibitions:${n.join(':')}`)
    .digest()
    .readUInt32BE(0) / 0x1_0000_0000;
const DEMO = ' (demo)';

const THEMES: [string, string][] = [
  ['Quyền con người ở Việt Nam: thành tựu và hội nhập', 'Human rights in Viet Nam: achievements and integration'],
  ['Tư liệu lưu trữ về bảo đảm quyền trẻ em', 'Archival documents on the rights of the child'],
  ['Bình đẳng giới qua ảnh', 'Gender equality in photographs'],
  ['Đồng bào dân tộc thiểu số và quyền phát triển', 'Ethnic minorities and the right to development'],
  ['Tự do tín ngưỡng, tôn giáo trong đời sống', 'Freedom of religion and belief in everyday life'],
];

/** Seeds the demo exhibitions; skipped when some exist. Needs the directory's and the library's demo (with files). */
export async function seedExhibitionsDemo(db: Db): Promise<{ exhibitions: number }> {
  const [has] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(exhibitions)
    .where(eq(exhibitions.isDemo, true));
  if (Number(has?.n) > 0) return { exhibitions: 0 };
  const actor = systemActor('seed', 'seed --demo');
  const orgs = new Map(
    (await db.select({ id: organisations.id, code: organisations.code }).from(organisations).where(eq(organisations.isDemo, true))).map(
      (o) => [o.code, o.id],
    ),
  );
  if (!orgs.size) return { exhibitions: 0 };
  const units = await rows<{ code: string; new_code: string; name: string }>(
    db,
    sql`select o.code, n.code as new_code, o.name_vi as name from admin_unit_crosswalk c
    join admin_units o on o.id = c.old_unit_id join admin_units n on n.id = c.new_unit_id order by o.code`,
  );
  // Published demo products with an image file, for the items.
  const images = (
    await rows<{ id: number }>(
      db,
      sql`select distinct p.id from library_products p join library_files f on f.product_id = p.id
    where p.is_demo and p.status = 'published' and f.media_type like 'image/%' order by p.id`,
    )
  ).map((r) => Number(r.id));
  const item = (productId: number, k: number) => ({
    productId,
    captions: [
      { language: 'vie', text: `Hiện vật số ${k + 1}: tư liệu minh hoạ${DEMO}` },
      { language: 'eng', text: `Item ${k + 1}: illustrative material${DEMO}` },
    ],
  });
  let n = 0;
  const add = async (input: Record<string, unknown>, online = false, listed = true) => {
    const e = await createExhibition(db, actor, input, { isDemo: true });
    if (online) await setOnlinePublished(db, actor, e.id, true, new Date(`${input.startDate as string}T02:00:00Z`));
    else if (listed) await setExhibitionPublic(db, actor, e.id, true, new Date(`${input.endDate as string}T02:00:00Z`));
    n++;
  };
  // Venue coordinates: a point well inside the pre-2025 unit, jittered by up to ±0.02° (about 2 km), so the demo
  // venues show on the coverage maps inside their province.
  const anchors = new Map(loadProvinceGeometry('63').features.map((f) => [f.properties.code, interiorPoint(f)]));
  const coords = (code: string, k: number) => {
    const p = anchors.get(code);
    if (!p) return {};
    const j = (i: number) => Math.round((rand(k, i) - 0.5) * 400) / 10_000;
    return { lon: Math.round((p[0] + j(5)) * 10_000) / 10_000, lat: Math.round((p[1] + j(6)) * 10_000) / 10_000 };
  };
  // Physical exhibitions in Viet Nam: about two units in three, spread over 2023–2026.
  for (const [k, u] of units.entries()) {
    if (rand(k) < 0.34) continue;
    const lead = orgs.get(`SVHTTDL-${u.new_code}`);
    if (!lead) continue;
    const month = Math.floor(rand(k, 1) * 40); // 2023-01 … 2026-04
    const y = 2023 + Math.floor(month / 12),
      m = (month % 12) + 1;
    const start = `${y}-${String(m).padStart(2, '0')}-${String(1 + Math.floor(rand(k, 2) * 20)).padStart(2, '0')}`;
    const end = `${y}-${String(m).padStart(2, '0')}-28`;
    const after = start >= '2025-07-01';
    const [vi, en] = THEMES[k % THEMES.length]!;
    const foreign = rand(k, 3) < 0.4;
    await add(
      {
        texts: [
          { language: 'vie', title: `${vi} tại ${u.name}${DEMO}` },
          ...(foreign ? [{ language: 'eng', title: `${en} in ${u.name}${DEMO}` }] : []),
        ],
        kind: (['photographs', 'archival_documents', 'both'] as const)[k % 3],
        format: 'physical',
        organiserIds: [lead],
        startDate: start,
        endDate: end,
        audiences: [2, ...(foreign ? [5] : [])],
        captionLanguages: foreign ? ['vie', 'eng'] : ['vie'],
        visitors: 300 + Math.floor(rand(k, 4) * 5000),
        venue: {
          location: 'vietnam',
          name: `Bảo tàng ${u.name}${DEMO}`,
          provinceCode: after ? u.new_code : u.code,
          formerProvinceCode: after ? u.code : null,
          ...coords(u.code, k),
        },
        items: images.slice(0, 2 + (k % 3)).map(item),
      },
      false,
      rand(k, 7) < 0.9,
    );
  }
  // Abroad, by the missions.
  const abroad: [string, string, string, string, string][] = [
    ['PDTT-GENEVA', 'CH', 'Genève', 'Palais des Nations', '2024-06-17'],
    ['DSQ-FR', 'FR', 'Paris', 'Maison du Vietnam', '2025-03-10'],
    ['DSQ-JP', 'JP', 'Tokyo', 'Japan–Viet Nam Friendship Hall', '2025-11-05'],
  ];
  for (const [k, [code, country, city, venue, start]] of abroad.entries()) {
    const lead = orgs.get(code);
    if (!lead) continue;
    const [vi, en] = THEMES[k]!;
    await add({
      texts: [
        { language: 'vie', title: `${vi} tại ${city}${DEMO}` },
        { language: 'eng', title: `${en} in ${city}${DEMO}` },
        ...(country === 'FR' ? [{ language: 'fra', title: `Les droits humains au Viet Nam${DEMO}` }] : []),
      ],
      kind: 'both',
      format: 'physical',
      organiserIds: [lead],
      startDate: start,
      endDate: start.slice(0, 8) + '28',
      audiences: [4, 6],
      captionLanguages: ['vie', 'eng'],
      visitors: 400 + k * 150,
      venue: { location: 'abroad', name: `${venue}${DEMO}`, countryCode: country, city },
      items: images.slice(0, 3).map(item),
    });
  }
  // Two online exhibitions with images.
  const online = orgs.get('BNG') ?? orgs.get('SVHTTDL-01');
  if (online && images.length) {
    await add(
      {
        texts: [
          {
            language: 'vie',
            title: `Hành trình bảo đảm quyền con người${DEMO}`,
            description: 'Triển lãm trực tuyến minh hoạ.',
            narrative:
              'Triển lãm giới thiệu các tư liệu minh hoạ về quyền con người.\n\nMọi nội dung là dữ liệu minh hoạ, không phải thông tin thật.',
          },
          {
            language: 'eng',
            title: `A journey of human rights protection${DEMO}`,
            description: 'An illustrative online exhibition.',
            narrative:
              'The exhibition presents illustrative material on human rights.\n\nEverything here is demo data, not real information.',
          },
        ],
        kind: 'photographs',
        format: 'online',
        organiserIds: [online],
        startDate: '2024-12-10',
        endDate: '2026-12-31',
        audiences: [2, 4, 5],
        captionLanguages: ['vie', 'eng'],
        views: 12840,
        items: images.map(item),
      },
      true,
    );
    const hanoi = orgs.get('SVHTTDL-01') ?? online;
    await add(
      {
        texts: [
          {
            language: 'vie',
            title: `Tư liệu lưu trữ về quyền trẻ em${DEMO}`,
            narrative: 'Những tư liệu minh hoạ về chăm sóc, giáo dục và bảo vệ trẻ em.',
          },
          {
            language: 'eng',
            title: `Archives on the rights of the child${DEMO}`,
            narrative: 'Illustrative documents on the care, education and protection of children.',
          },
        ],
        kind: 'archival_documents',
        format: 'both',
        organiserIds: [hanoi],
        startDate: '2025-09-15',
        endDate: '2025-10-15',
        audiences: [2],
        captionLanguages: ['vie', 'eng'],
        visitors: 2100,
        views: 5400,
        venue: { location: 'vietnam', name: `Thư viện Hà Nội${DEMO}`, provinceCode: '01', lat: 21.0245, lon: 105.8412 },
        items: images.slice().reverse().map(item),
      },
      true,
    );
  }
  return { exhibitions: n };
}

/** Deletes every demo exhibition with its texts, organisers, audiences, caption languages, items and photo rows. */
export async function removeExhibitionsDemo(db: Db): Promise<{ exhibitions: number }> {
  return db.transaction(async (tx) => {
    const ids = (await tx.select({ id: exhibitions.id }).from(exhibitions).where(eq(exhibitions.isDemo, true))).map((r) => r.id);
    if (ids.length) {
      for (const t of [
        exhibitionTexts,
        exhibitionOrganisers,
        exhibitionAudiences,
        exhibitionCaptionLanguages,
        exhibitionItems,
        exhibitionPhotos,
      ]) {
        await tx.delete(t).where(inArray(t.exhibitionId, ids));
      }
      await tx.delete(exhibitions).where(inArray(exhibitions.id, ids));
    }
    await recordAudit(tx, systemActor('cli', 'seed --remove-demo'), 'remove-demo', 'exhibition', null, null, { exhibitions: ids.length });
    return { exhibitions: ids.length };
  });
}
