import { describe, expect, it } from 'vitest';
import { exactKey, groupDuplicates, minhash, shingles, similarity } from './factcheck.dedupe.js';
import { evaluateDedupe, formatDedupe, loadDedupeSample } from './factcheck.dedupe.eval.js';
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

describe('real posts (data/eval/dedupe)', () => {
  it('a short caption over different links is not one group; over the same link (tracking parameters aside) it is', () => {
    const { groupOf } = groupDuplicates([
      { id: 'a', text: 'Sad News https://t.example/r46XrdcmmP' },
      { id: 'b', text: 'Sad News https://t.example/qfpyegyw4u' },
      { id: 'c', text: 'Sad news!', url: 'https://t.example/r46XrdcmmP?utm_source=x' },
      { id: 'd', text: 'Tin nóng', url: 'https://a.example/1' },
      { id: 'e', text: 'Tin nóng', url: 'https://a.example/2' },
    ]);
    expect(groupOf.get('b')).toBe('b');
    expect(groupOf.get('c')).toBe('a');
    expect(groupOf.get('e')).toBe('e');
  });

  it('groups reworded copies of one real rumour and keeps apart claims that share their wording', () => {
    const { groupOf } = groupDuplicates([
      { id: 'a', text: 'Holding your breath for 10 seconds can determine if you have COVID-19, drink water every 15 minutes' },
      { id: 'b', text: 'Holding your breath for 10sec can determine if you have COVID-19 and you should drink water every 15 minutes' },
      {
        id: 'c',
        text: 'STARTING NEXT WEEK: #BREAKING CORONAVIRUS UPDATE: Chinese city of Wuhan shuts down all outbound flights and trains after virus kills 17',
      },
      { id: 'd', text: 'CORONAVIRUS UPDATE: Chinese city of Wuhan shuts down all outbound flights and trains after virus kills 17' },
      { id: 'e', text: 'Hydroxychloroquine and Azithromycin are a cure for Covid-19' },
      { id: 'f', text: 'Vitamin C can cure covid-19' },
    ]);
    expect(groupOf.get('b')).toBe('a');
    expect(groupOf.get('d')).toBe('c');
    expect(groupOf.get('f')).toBe('f');
  });

  it('pair precision and recall on the labelled sample of real posts are at least the figures the method note states', () => {
    const s = loadDedupeSample();
    const test = evaluateDedupe(s, 'test');
    console.log(formatDedupe(evaluateDedupe(s, 'dev')));
    console.log(formatDedupe(test));
    expect(test.pairs).toBe(111);
    expect(test.precision).toBeGreaterThanOrEqual(0.83);
    expect(test.recall).toBeGreaterThanOrEqual(0.13);
  });
});
