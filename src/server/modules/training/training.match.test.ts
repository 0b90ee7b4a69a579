// Name matching on real-looking Vietnamese variants: diacritics dropped or changed in case, word order, a middle
// name missing, two people whose names differ only in diacritics, and the same name in another organisation.
import { describe, expect, it } from 'vitest';
import { matchName, nameKeys, PersonIndex, type IndexedPerson } from './training.match.js';

const ORG = 1,
  OTHER = 2;
const p = (id: number, fullName: string, organisationId = ORG): IndexedPerson => ({
  id,
  fullName,
  position: null,
  organisationId,
  organisationName: `Org ${organisationId}`,
});
const index = new PersonIndex([
  p(1, 'Nguyễn Thị Lan'),
  p(2, 'Trần Văn Hùng'),
  p(3, 'Lê Thị Hà'),
  p(4, 'Lê Thị Hạ'), // differs from 3 only by a tone mark
  p(5, 'Phạm Minh Đức'),
  p(6, 'Đặng Quốc Bảo'),
  p(7, 'Nguyễn Thị Lan', OTHER), // namesake in another organisation
  p(8, 'Hoàng Thị Thu Trang'),
  p(9, 'Vũ Đình Khoa'),
  p(10, 'Vũ Đình Khoa'), // two namesakes in one organisation
  p(11, 'Ngô Bảo Châu'),
]);
const m = (name: string, org: number | null = ORG) => matchName(index, name, org);

describe('Vietnamese name matching', () => {
  it.each([
    ['Nguyễn Thị Lan', 1, 'exact'],
    ['Nguyen Thi Lan', 1, 'folded'],
    ['NGUYỄN THỊ LAN', 1, 'exact'],
    ['nguyen  thi   lan', 1, 'folded'],
    ['Nguyễn Thị Lan'.normalize('NFD'), 1, 'exact'], // decomposed diacritics (copied from a PDF or a Mac)
    ['Tran Van Hung', 2, 'folded'],
    ['Pham Minh Duc', 5, 'folded'], // đ folded to d
    ['Dang Quoc Bao', 6, 'folded'],
    ['Hoang Thi Thu Trang', 8, 'folded'],
  ])('matches "%s" to person %i (%s) within the organisation', (name, id, how) => {
    expect(m(name)).toMatchObject({ status: 'matched', personId: id, how });
  });

  it.each([
    ['Lan Nguyen Thi', [1], 'reordered'], // Western word order
    ['Thị Lan Nguyễn', [1], 'reordered'],
    ['Bảo Châu Ngô', [11], 'reordered'],
    ['Nguyễn Lan', [1], 'partial'], // middle name left out
    ['Hoàng Thu Trang', [8], 'partial'],
    ['Lan Nguyễn', [1], 'partial'], // short and reversed
  ])('asks about "%s" (candidates %j, %s) instead of guessing', (name, ids, how) => {
    const r = m(name);
    expect(r.status).toBe('ambiguous');
    expect(r.candidates.filter((c) => c.sameOrganisation).map((c) => c.personId)).toEqual(ids);
    expect(r.candidates[0]!.how).toBe(how);
  });

  it('asks when names differ only by diacritics and the sheet has none', () => {
    const r = m('Le Thi Ha');
    expect(r.status).toBe('ambiguous');
    expect(r.candidates.map((c) => c.personId)).toEqual([3, 4]);
    // with the tone marks written, the exact one is still not taken silently: the other is too close
    expect(m('Lê Thị Hà').status).toBe('ambiguous');
  });

  it('asks when two namesakes work in the same organisation', () => {
    expect(m('Vũ Đình Khoa')).toMatchObject({ status: 'ambiguous', personId: null });
    expect(m('Vũ Đình Khoa').candidates.map((c) => c.personId)).toEqual([9, 10]);
  });

  it('does not cross organisations: a namesake elsewhere is a candidate, never a match', () => {
    expect(m('Nguyễn Thị Lan', OTHER)).toMatchObject({ status: 'matched', personId: 7 });
    const third = m('Nguyễn Thị Lan', 3);
    expect(third.status).toBe('ambiguous');
    expect(third.candidates.map((c) => c.personId).sort()).toEqual([1, 7]);
    expect(m('Nguyen Thi Lan', null).status).toBe('ambiguous'); // organisation unknown
  });

  it('reports a name nobody has as unknown', () => {
    expect(m('Trịnh Công Sơn')).toMatchObject({ status: 'unknown', candidates: [] });
    expect(m('Nguyễn Thị Mai')).toMatchObject({ status: 'unknown' }); // same family name, another given name
    expect(m('Trần Thị Hùng')).toMatchObject({ status: 'unknown' }); // same family and given name, another middle name
  });
});

// The index must find exactly the candidates of the definition (the first version scanned everyone with the same
// family and given name): compared on random names built from a few words so that many overlap.
describe('the roster index', () => {
  const W = ['Nguyễn', 'Lê', 'Thị', 'Văn', 'Lan', 'Hà', 'Hạ', 'Minh', 'Ngọc', 'Đức'];
  function naive(people: IndexedPerson[], name: string): number[] {
    const k = nameKeys(name);
    const rev = k.words.length >= 2 ? `${k.words[k.words.length - 1]}|${k.words[0]}` : null;
    const within = (s: string[], l: string[]) => s.length < l.length && s.every((w) => l.includes(w));
    return people
      .filter((p) => {
        const pk = nameKeys(p.fullName);
        if (pk.sorted === k.sorted) return true;
        return (pk.ends === k.ends || pk.ends === rev) && (within(k.words, pk.words) || within(pk.words, k.words));
      })
      .map((p) => p.id)
      .sort((a, b) => a - b);
  }
  it('finds the same candidates as a scan of the whole roster', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const name = () => Array.from({ length: 1 + rnd(5) }, () => W[rnd(W.length)]).join(' ');
    const people = Array.from({ length: 400 }, (_, i) => p(i + 1, name(), 1 + rnd(3)));
    const idx = new PersonIndex(people);
    for (let i = 0; i < 400; i++) {
      const n = i % 3 ? name() : people[rnd(people.length)]!.fullName.split(' ').reverse().join(' ');
      expect(
        idx
          .candidates(n, 1)
          .map((c) => c.personId)
          .sort((a, b) => a - b),
        n,
      ).toEqual(naive(people, n));
    }
  });
  it('suggests the best candidate only when no other ties it', () => {
    expect(m('Lan Nguyen Thi').suggestion).toEqual({ personId: 1, score: 75 });
    expect(m('Lê Thị Hà').suggestion).toEqual({ personId: 3, score: 90 }); // Hạ comes within 10 points
    expect(m('Vũ Đình Khoa').suggestion).toBeNull(); // two namesakes tie
  });
});
