// Vietnamese-aware name matching for sign-in sheets and roster imports. A name is compared at four levels:
//  exact     — the same once NFC-normalised, spaces collapsed and lower-cased ("Nguyễn Thị Lan");
//  folded    — the same without diacritics and đ ("Nguyen Thi Lan", "NGUYỄN THỊ LAN");
//  reordered — the same words in another order ("Lan Nguyen Thi", "Thi Lan Nguyen");
//  partial   — the same family and given name with a middle name missing or extra ("Nguyễn Lan").
// A row is matched only when exactly one person of the row's organisation is found at the exact or folded level and
// no other person of that organisation comes close; anything else with candidates is ambiguous, nothing is unknown.
// Nothing is guessed: ambiguous and unknown rows wait for the user's decision.
import type { Candidate } from '../../../shared/contracts/training.js';
import { fold } from '../../kernel/text.js';

export type IndexedPerson = { id: number; fullName: string; position: string | null; organisationId: number; organisationName: string };
type Keys = { exact: string; folded: string; sorted: string; ends: string; words: string[] };

export const cleanName = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function nameKeys(name: string): Keys {
  const folded = fold(name);
  const words = folded.split(' ').filter(Boolean);
  return {
    exact: cleanName(name).toLocaleLowerCase('vi'),
    folded,
    sorted: [...words].sort().join(' '),
    // family name + given name (first and last words), for a missing or extra middle name
    ends: words.length >= 2 ? `${words[0]}|${words[words.length - 1]}` : `|${words[0] ?? ''}`,
    words,
  };
}

const RANK = { exact: 0, folded: 1, reordered: 2, partial: 3 } as const;

export class PersonIndex {
  private readonly byFolded = new Map<string, IndexedPerson[]>();
  private readonly bySorted = new Map<string, IndexedPerson[]>();
  private readonly byEnds = new Map<string, IndexedPerson[]>();
  private readonly keys = new Map<number, Keys>();

  constructor(people: Iterable<IndexedPerson> = []) { for (const p of people) this.add(p); }

  add(p: IndexedPerson): void {
    const k = nameKeys(p.fullName);
    this.keys.set(p.id, k);
    for (const [map, key] of [[this.byFolded, k.folded], [this.bySorted, k.sorted], [this.byEnds, k.ends]] as const) {
      const list = map.get(key);
      if (list) list.push(p); else map.set(key, [p]);
    }
  }

  /** Everyone who could be this name, best first (same organisation first at each level). */
  candidates(name: string, organisationId: number | null): Candidate[] {
    const k = nameKeys(name);
    const found = new Map<number, Candidate>();
    // partial: one name's words are the other's with middle names left out (not merely the same family and given name)
    const within = (short: string[], long: string[]) => short.length < long.length && short.every((w) => long.includes(w));
    const consider = (list: IndexedPerson[] | undefined, partial = false) => {
      for (const p of list ?? []) {
        if (found.has(p.id)) continue;
        const pk = this.keys.get(p.id)!;
        if (partial && pk.sorted !== k.sorted && !within(k.words, pk.words) && !within(pk.words, k.words)) continue;
        const how: Candidate['how'] = pk.exact === k.exact ? 'exact' : pk.folded === k.folded ? 'folded' : pk.sorted === k.sorted ? 'reordered' : 'partial';
        found.set(p.id, { personId: p.id, fullName: p.fullName, position: p.position, organisationId: p.organisationId, organisationName: p.organisationName, how, sameOrganisation: p.organisationId === organisationId });
      }
    };
    consider(this.byFolded.get(k.folded));
    consider(this.bySorted.get(k.sorted));
    consider(this.byEnds.get(k.ends), true);
    // a reordered name whose family name was written last: "Lan Nguyen" ~ "Nguyễn Thị Lan"
    const words = k.words;
    if (words.length >= 2) consider(this.byEnds.get(`${words[words.length - 1]}|${words[0]}`), true);
    return [...found.values()].sort((a, b) => RANK[a.how] - RANK[b.how] || Number(b.sameOrganisation) - Number(a.sameOrganisation) || a.personId - b.personId);
  }
}

export type MatchResult = { status: 'matched' | 'ambiguous' | 'unknown'; personId: number | null; how: Candidate['how'] | null; candidates: Candidate[] };

export function matchName(index: PersonIndex, name: string, organisationId: number | null): MatchResult {
  const candidates = index.candidates(name, organisationId);
  if (!candidates.length) return { status: 'unknown', personId: null, how: null, candidates };
  const close = candidates.filter((c) => c.sameOrganisation && c.how !== 'partial');
  const only = close.length === 1 ? close[0]! : null;
  if (organisationId !== null && only && (only.how === 'exact' || only.how === 'folded')) {
    return { status: 'matched', personId: only.personId, how: only.how, candidates: [] };
  }
  return { status: 'ambiguous', personId: null, how: null, candidates: candidates.slice(0, 10) };
}
