// The managed list of human-rights topics press items are tagged with. Loaded on every start like the
// directory's reference data: idempotent (existing codes are left as they are), safe for N processes.
import { asc, eq } from 'drizzle-orm';
import type { Topic } from '../../../shared/contracts/press.js';
import type { Db } from '../../kernel/db.js';
import { pressTopics } from './press.tables.js';

export const PRESS_TOPICS: { code: string; nameVi: string; nameEn: string }[] = [
  { code: 'civil-political', nameVi: 'Quyền dân sự và chính trị', nameEn: 'Civil and political rights' },
  { code: 'economic-social-cultural', nameVi: 'Quyền kinh tế, xã hội và văn hóa', nameEn: 'Economic, social and cultural rights' },
  { code: 'women', nameVi: 'Quyền của phụ nữ và bình đẳng giới', nameEn: "Women's rights and gender equality" },
  { code: 'children', nameVi: 'Quyền trẻ em', nameEn: "Children's rights" },
  { code: 'ethnic-minorities', nameVi: 'Quyền của người dân tộc thiểu số', nameEn: 'Rights of ethnic minorities' },
  { code: 'religion-belief', nameVi: 'Tự do tín ngưỡng, tôn giáo', nameEn: 'Freedom of religion and belief' },
  { code: 'disabilities', nameVi: 'Quyền của người khuyết tật', nameEn: 'Rights of persons with disabilities' },
  { code: 'older-persons', nameVi: 'Quyền của người cao tuổi', nameEn: 'Rights of older persons' },
  { code: 'labour-migrants', nameVi: 'Quyền của người lao động và người di cư', nameEn: 'Rights of workers and migrants' },
  { code: 'health', nameVi: 'Quyền được chăm sóc sức khỏe', nameEn: 'Right to health' },
  { code: 'education', nameVi: 'Quyền được học tập', nameEn: 'Right to education' },
  {
    code: 'information-expression',
    nameVi: 'Quyền tiếp cận thông tin và tự do ngôn luận',
    nameEn: 'Access to information and freedom of expression',
  },
  { code: 'justice', nameVi: 'Tư pháp và quyền được xét xử công bằng', nameEn: 'Justice and the right to a fair trial' },
  {
    code: 'international-cooperation',
    nameVi: 'Hợp tác quốc tế về quyền con người, UPR',
    nameEn: 'International human-rights cooperation, UPR',
  },
];

export async function loadPressTopics(db: Db): Promise<number> {
  await db
    .insert(pressTopics)
    .values(PRESS_TOPICS.map((t, i) => ({ ...t, sortOrder: i + 1 })))
    .onConflictDoNothing({ target: pressTopics.code });
  return PRESS_TOPICS.length;
}

export async function listTopics(db: Db): Promise<Topic[]> {
  return db
    .select({ id: pressTopics.id, code: pressTopics.code, nameVi: pressTopics.nameVi, nameEn: pressTopics.nameEn })
    .from(pressTopics)
    .where(eq(pressTopics.active, true))
    .orderBy(asc(pressTopics.sortOrder), asc(pressTopics.id));
}
