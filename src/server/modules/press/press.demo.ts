// Demo data of the press module: spokespersons for most demo state agencies and a year of clearly
// fictional press items ("(demo)" in every title), with some agencies late or missing in some quarters.
// Everything is marked is_demo; removePressDemo deletes it (call it before the directory's removeDemo).
import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { fold } from '../../kernel/text.js';
import { organisations } from '../directory/directory.tables.js';
import { periodContaining, type Period, makePeriod } from '../../kernel/periods.js';
import { pressAttachments, pressItems, pressItemTopics, pressSpokespersons, pressTopics } from './press.tables.js';
import { loadPressTopics } from './press.topics.js';

const NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  'Lê Minh Châu',
  'Phạm Đức Dũng',
  'Hoàng Thu Hà',
  'Vũ Ngọc Hương',
  'Đặng Văn Khánh',
  'Bùi Thị Lan',
  'Đỗ Minh Long',
  'Hồ Thu Mai',
];
const TEMPLATES: { kind: string; topic: string; vi: (q: string) => string; en: (q: string) => string }[] = [
  {
    kind: 'press_release',
    topic: 'children',
    vi: (q) => `Thông cáo báo chí: kết quả bảo đảm quyền trẻ em ${q} (demo)`,
    en: (q) => `Press release: results on children's rights, ${q} (demo)`,
  },
  {
    kind: 'press_conference',
    topic: 'civil-political',
    vi: (q) => `Họp báo định kỳ ${q}: công tác bảo đảm quyền con người (demo)`,
    en: (q) => `Regular press conference ${q}: human-rights work (demo)`,
  },
  {
    kind: 'statement',
    topic: 'international-cooperation',
    vi: (q) => `Tuyên bố về tiến độ thực hiện khuyến nghị UPR ${q} (demo)`,
    en: (q) => `Statement on progress with UPR recommendations, ${q} (demo)`,
  },
  {
    kind: 'press_answer',
    topic: 'disabilities',
    vi: (q) => `Trả lời báo chí về quyền của người khuyết tật ${q} (demo)`,
    en: (q) => `Answer to the press on the rights of persons with disabilities, ${q} (demo)`,
  },
  {
    kind: 'press_release',
    topic: 'ethnic-minorities',
    vi: (q) => `Thông cáo: chính sách hỗ trợ đồng bào dân tộc thiểu số ${q} (demo)`,
    en: (q) => `Press release: support for ethnic minorities, ${q} (demo)`,
  },
  {
    kind: 'press_release',
    topic: 'women',
    vi: (q) => `Thông cáo: bình đẳng giới và quyền của phụ nữ ${q} (demo)`,
    en: (q) => `Press release: gender equality and women's rights, ${q} (demo)`,
  },
];

/** Deterministic 0..1 from a few integers, so the demo is the same on every machine. */
function rand(...n: number[]): number {
  const h = crypto.createHash('sha256').update(n.join(':')).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000;
}

function label(p: Period): string {
  return p.id!.replace(/^(\d{4})-Q(\d)$/, 'quý $2/$1');
}

export async function seedPressDemo(db: Db, now = new Date()): Promise<{ spokespersons: number; items: number }> {
  await loadPressTopics(db);
  const topics = new Map((await db.select({ id: pressTopics.id, code: pressTopics.code }).from(pressTopics)).map((t) => [t.code, t.id]));
  const agencies = await db
    .select({ id: organisations.id, nameVi: organisations.nameVi })
    .from(organisations)
    .where(and(eq(organisations.isDemo, true), eq(organisations.isStateAdminAgency, true), eq(organisations.active, true)))
    .orderBy(organisations.id);
  const current = periodContaining('quarterly', now);
  const [cy, cq] = [Number(current.id!.slice(0, 4)), Number(current.id!.slice(-1)) - 1];
  const quarters = [4, 3, 2, 1].map((back) => makePeriod('quarterly', cy + Math.floor((cq - back) / 4), (((cq - back) % 4) + 4) % 4));

  const spokes: (typeof pressSpokespersons.$inferInsert)[] = [];
  const items: (typeof pressItems.$inferInsert & { topic: string })[] = [];
  agencies.forEach((a, i) => {
    if (rand(i, 1) < 0.85) {
      const midYear = rand(i, 2) < 0.2;
      spokes.push({
        organisationId: a.id,
        fullName: `${NAMES[i % NAMES.length]} (demo)`,
        position: i % 3 ? 'Chánh Văn phòng' : 'Thứ trưởng',
        decisionNumber: `${100 + i}/QĐ-DEMO`,
        decisionDate: midYear ? quarters[2].firstDay : '2024-12-20',
        validFrom: midYear ? quarters[2].firstDay : '2025-01-01',
        email: `phatngon${i}@demo.example.vn`,
        emailPublic: true,
        phone: `024 0000 ${String(1000 + i).slice(-4)}`,
        phonePublic: rand(i, 3) < 0.5,
        isDemo: true,
      });
    }
    quarters.forEach((p, qi) => {
      const r = rand(i, qi, 7);
      if (r < 0.15) return; // missing this quarter
      const late = r < 0.3;
      const count = late ? 1 : 1 + Math.floor(rand(i, qi, 8) * 3);
      for (let k = 0; k < count; k++) {
        const span = late ? 10 * 86_400_000 : p.end.getTime() - p.start.getTime();
        const at = new Date((late ? p.end.getTime() : p.start.getTime()) + Math.floor(rand(i, qi, k, 9) * span));
        if (at > now) continue;
        const t = TEMPLATES[Math.floor(rand(i, qi, k, 10) * TEMPLATES.length)];
        const title = t.vi(label(p));
        const body = `<p>${a.nameVi} thông tin về công tác bảo đảm quyền con người ${label(p)}. Nội dung này là dữ liệu minh họa (demo), không phải thông tin thật.</p><ul><li>Kết quả chính</li><li>Kế hoạch tiếp theo</li></ul>`;
        const group = crypto.randomUUID();
        const status = rand(i, qi, k, 11) < 0.03 ? 'withdrawn' : rand(i, qi, k, 12) < 0.05 ? 'corrected' : 'published';
        const base = {
          kind: t.kind,
          organisationId: a.id,
          language: 'vie',
          translationGroupId: group,
          publishedAt: at,
          heldAt: t.kind === 'press_conference' ? at : null,
          isDemo: true,
          topic: t.topic,
        };
        items.push({
          ...base,
          title,
          bodyHtml: body,
          summary: `Tóm tắt: ${title}`,
          searchText: fold(`${title} ${body.replace(/<[^>]+>/g, ' ')}`),
          status,
          withdrawalReason: status === 'withdrawn' ? 'Thông tin cần được cập nhật (demo)' : null,
          withdrawnAt: status === 'withdrawn' ? new Date(Math.min(at.getTime() + 86_400_000, now.getTime())) : null,
          corrections:
            status === 'corrected'
              ? [
                  {
                    at: new Date(Math.min(at.getTime() + 86_400_000, now.getTime())).toISOString(),
                    by: 'demo',
                    note: 'Đính chính số liệu (demo)',
                  },
                ]
              : [],
        });
        if (rand(i, qi, k, 13) < 0.2) {
          const en = t.en(p.id!);
          items.push({
            ...base,
            title: en,
            bodyHtml: `<p>Illustrative demo content, not real information.</p>`,
            summary: null,
            language: 'eng',
            searchText: fold(en),
            status: 'published',
            corrections: [],
          });
        }
      }
    });
    if (rand(i, 20) < 0.3) {
      const title = `Dự thảo thông cáo về quyền được học tập (demo)`;
      items.push({
        kind: 'press_release',
        organisationId: a.id,
        title,
        bodyHtml: '<p>Bản nháp (demo).</p>',
        language: 'vie',
        translationGroupId: crypto.randomUUID(),
        status: 'draft',
        searchText: fold(title),
        isDemo: true,
        topic: 'education',
        corrections: [],
      });
    }
  });
  if (spokes.length) await db.insert(pressSpokespersons).values(spokes);
  for (let s = 0; s < items.length; s += 200) {
    const chunk = items.slice(s, s + 200);
    const ids = await db
      .insert(pressItems)
      .values(chunk.map(({ topic: _t, ...v }) => v))
      .returning({ id: pressItems.id });
    const links = ids.map((r, j) => ({ itemId: r.id, topicId: topics.get(chunk[j].topic)! })).filter((l) => l.topicId);
    if (links.length) await db.insert(pressItemTopics).values(links);
  }
  await recordAudit(db, systemActor('seed', 'seed --demo'), 'create-many', 'press', null, null, {
    spokespersons: spokes.length,
    items: items.length,
    demo: true,
  });
  return { spokespersons: spokes.length, items: items.length };
}

/** Deletes every demo press row (items, their topic links, spokespersons). */
export async function removePressDemo(db: Db): Promise<{ spokespersons: number; items: number }> {
  return db.transaction(async (tx) => {
    const demo = (await tx.select({ id: pressItems.id }).from(pressItems).where(eq(pressItems.isDemo, true))).map((r) => r.id);
    for (let s = 0; s < demo.length; s += 1000)
      await tx.delete(pressItemTopics).where(inArray(pressItemTopics.itemId, demo.slice(s, s + 1000)));
    for (let s = 0; s < demo.length; s += 1000)
      await tx.delete(pressAttachments).where(inArray(pressAttachments.itemId, demo.slice(s, s + 1000)));
    const items = await tx.delete(pressItems).where(eq(pressItems.isDemo, true)).returning({ id: pressItems.id });
    const spokes = await tx.delete(pressSpokespersons).where(eq(pressSpokespersons.isDemo, true)).returning({ id: pressSpokespersons.id });
    await recordAudit(tx, systemActor('cli', 'seed --remove-demo'), 'remove-demo', 'press', null, null, {
      items: items.length,
      spokespersons: spokes.length,
    });
    return { items: items.length, spokespersons: spokes.length };
  });
}
