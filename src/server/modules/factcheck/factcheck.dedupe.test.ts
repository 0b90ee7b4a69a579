import { describe, expect, it } from 'vitest';
import { exactKey, groupDuplicates, minhash, shingles, similarity } from './factcheck.dedupe.js';
import { normaliseText } from './factcheck.normalise.js';

const viral = 'Công an tỉnh Hòa Lam bắt giữ 12 nhà báo vì đưa tin về lũ lụt ở các huyện miền núi trong tháng này';

describe('near-duplicate grouping', () => {
  it('puts copies that differ only in diacritics, case, URLs, handles and informal spelling in one group', () => {
    expect(exactKey(viral)).toBe(
      exactKey(
        'CONG AN TINH HOA LAM bat giu 12 nha bao vi dua tin ve lu lut o cac huyen mien nui trong thang nay https://x.invalid/p @someone',
      ),
    );
    const { groupOf, groups } = groupDuplicates([
      { id: 'a', text: viral },
      { id: 'b', text: 'cong an tinh hoa lam bat giu 12 nha bao vi dua tin ve lu lut o cac huyen mien nui trong thang nay' },
      { id: 'c', text: 'Thư viện tỉnh Tân Khê nhận tặng 3 nghìn cuốn sách song ngữ cho học sinh' },
    ]);
    expect(groupOf.get('b')).toBe('a');
    expect(groupOf.get('c')).toBe('c');
    expect(groups.get('a')).toEqual(['a', 'b']);
  });

  it('groups a lightly edited repost (a word changed, a phrase added) but not a different claim on the same topic', () => {
    const items = [
      { id: 'p1', text: viral },
      { id: 'p2', text: `NÓNG: ${viral.replace('12', 'mười hai')} — hãy chia sẻ` },
      { id: 'p3', text: viral.replace('miền núi', 'vùng cao') },
      { id: 'q1', text: 'Công an tỉnh Hòa Lam trao giấy khen cho 12 nhà báo đưa tin về lũ lụt ở các huyện' },
    ];
    const { groupOf, groups } = groupDuplicates(items);
    expect(groupOf.get('p2')).toBe('p1');
    expect(groupOf.get('p3')).toBe('p1');
    expect(groupOf.get('q1')).toBe('q1');
    expect(groups.size).toBe(2);
  });

  it('estimates Jaccard similarity of shingle sets within a few points', () => {
    const a = shingles('a b c d e f g h i j k l m n o p q r s t'.split(' '));
    const b = shingles('a b c d e f g h i j k l m n o p x y z w'.split(' '));
    const truth = [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size;
    expect(Math.abs(similarity(minhash(a), minhash(b)) - truth)).toBeLessThan(0.12);
    expect(similarity(minhash(a), minhash(a))).toBe(1);
  });

  it('groups 2,000 items with 500 distinct texts into 500 groups, each of its four copies', () => {
    const vocab =
      'quyền trẻ em phụ nữ lao động nhà báo công an tòa án trường học bệnh viện đất đai nhà ở tôn giáo chùa nhà thờ lũ lụt cứu trợ gạo nước điện thuế phí lương hưu học bổng sách thư viện biển rừng môi trường bầu cử hộ khẩu căn cước'.split(
        ' ',
      );
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const items = [];
    for (let i = 0; i < 500; i++) {
      const base = Array.from({ length: 16 }, () => vocab[Math.floor(rnd() * vocab.length)]).join(' ') + ` số ${i}`;
      items.push(
        { id: `${i}-0`, text: base },
        { id: `${i}-1`, text: normaliseText(base).plain.join(' ') },
        { id: `${i}-2`, text: `${base} #tin` },
        { id: `${i}-3`, text: base.toUpperCase() },
      );
    }
    const { groups } = groupDuplicates(items);
    expect(groups.size).toBe(500);
    expect([...groups.values()].every((g) => g.length === 4)).toBe(true);
  });
});
