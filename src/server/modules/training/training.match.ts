// Vietnamese-aware name matching for sign-in sheets and roster imports. A name is compared at four levels:
//  exact     — the same once NFC-normalised, spaces collapsed and lower-cased ("Nguyễn Thị Lan");
//  folded    — the same without diacritics and đ ("Nguyen Thi Lan", "NGUYỄN THỊ LAN");
//  reordered — the same words in another order ("Lan Nguyen Thi", "Thi Lan Nguyen");
//  partial   — the same family and given name with a middle name missing or extra ("Nguyễn Lan").
// A row is matched only when exactly one person of the row's organisation is found at the exact or folded level and
// no other person of that organisation comes close; anything else with candidates is ambiguous, nothing is unknown.
// Nothing is guessed: ambiguous and unknown rows wait for the user's decision; an ambiguous row may carry a suggestion
// (its best candidate, scored 0–100) that the user can accept, one by one or all above a score.
import { OUTSIDE_MATCH, type Candidate } from '../../../shared/contracts/training.js';
import { fold } from '../../kernel/text.js';

export type IndexedPerson = { id: number; fullName: string; position: string | null; organisationId: number; organisationName: string };
type Keys = { exact: string; folded: string; sorted: string; ends: string; words: string[] };

export const cleanName = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function nameKeys(name: string): Keys {
  const folded = fold(name);
  const words = folded.split(' ').filter(Boolean);
  return {
    exact: cleanName(name).toLowerCase(),
    folded,
    sorted: [...words].sort().join(' '),
    // family name + given name (first and last words), for a missing or extra middle name
    ends: endsOf(words),
    words,
  };
}

const RANK = { exact: 0, folded: 1, reordered: 2, partial: 3 } as const;
/** A candidate's score (0–100): how close the name is, less 30 when the person works elsewhere. */
const BASE = { exact: 100, folded: 90, reordered: 75, partial: 60 } as const;
export const candidateScore = (how: Candidate['how'], sameOrganisation: boolean) => BASE[how] - (sameOrganisation ? 0 : 30);
/** Names with more distinct middle words than this are not expanded into subsets (checked one by one instead). */
const MAX_MIDDLE = 10;

/** The distinct words, sorted, joined: the same for any order and repetition of the same words. */
function distinctKey(words: string[]): string {
  const a = words.length > 1 ? [...words].sort() : words;
  let key = a[0] ?? '';
  for (let i = 1; i < a.length; i++) if (a[i] !== a[i - 1]) key += ' ' + a[i];
  return key;
}
const endsOf = (words: string[]) => (words.length >= 2 ? `${words[0]}|${words[words.length - 1]}` : `|${words[0] ?? ''}`);
/** The distinct middle words (not equal to the first or last word). */
function middles(words: string[]): string[] {
  const first = words[0],
    last = words[words.length - 1],
    out: string[] = [];
  for (let i = 1; i < words.length - 1; i++) {
    const w = words[i]!;
    if (w !== first && w !== last && !out.includes(w)) out.push(w);
  }
  return out;
}
/** Every proper subset of `ws` (the full set left out), each with `ends` added, as distinct keys. */
function subsetKeys(ends: string[], ws: string[]): string[] {
  const out: string[] = [];
  const full = (1 << ws.length) - 1;
  for (let mask = 0; mask < full; mask++) {
    const chosen = [...ends];
    for (let i = 0; i < ws.length; i++) if (mask & (1 << i)) chosen.push(ws[i]!);
    out.push(distinctKey(chosen));
  }
  return out;
}
const push = (map: Map<string, number[]>, key: string, slot: number) => {
  const l = map.get(key);
  if (l) l.push(slot);
  else map.set(key, [slot]);
};

/** The roster indexed once per import, so that a name's candidates are found by a few hash lookups whatever the
 *  roster's size: people by the set of their folded words (same words in any order), and by that set with some of
 *  their middle names left out (a sheet that omits a middle name); a sheet's name with middle names of its own is
 *  looked up with each of its subsets. The candidates are exactly those of the definition above. */
export class PersonIndex {
  private readonly people: IndexedPerson[] = [];
  private readonly folded: string[] = [];
  /** exact and sorted keys of the people met as candidates, computed once (sparse) */
  private readonly exactOf: (string | undefined)[] = [];
  private readonly sortedOf: (string | undefined)[] = [];
  private readonly byDistinct = new Map<string, number[]>();
  private readonly bySubset = new Map<string, number[]>();
  /** people with more than MAX_MIDDLE distinct middle words: considered for every name */
  private readonly long: number[] = [];

  constructor(people: Iterable<IndexedPerson> = []) {
    for (const p of people) this.add(p);
  }

  get size(): number {
    return this.people.length;
  }

  /** Adds a person; `folded` is fold(fullName) when the caller has it (training_people.name_key). */
  add(p: IndexedPerson, folded = fold(p.fullName)): void {
    const slot = this.people.length;
    this.people.push(p);
    this.folded.push(folded);
    const words = folded ? folded.split(' ') : [];
    push(this.byDistinct, distinctKey(words), slot);
    if (words.length < 3) return;
    const mids = middles(words);
    if (mids.length > MAX_MIDDLE) {
      this.long.push(slot);
      return;
    }
    for (const key of subsetKeys([words[0]!, words[words.length - 1]!], mids)) push(this.bySubset, key, slot);
  }

  /** Everyone who could be this name, best first (same organisation first at each level). */
  candidates(name: string, organisationId: number | null): Candidate[] {
    const k = nameKeys(name);
    const found = new Map<number, Candidate>();
    const rev = k.words.length >= 2 ? `${k.words[k.words.length - 1]}|${k.words[0]}` : null;
    // partial: one name's words are the other's with middle names left out (not merely the same family and given name)
    const within = (short: string[], long: string[]) => short.length < long.length && short.every((w) => long.includes(w));
    const consider = (slots: number[] | undefined) => {
      for (const slot of slots ?? []) {
        const p = this.people[slot]!;
        if (found.has(p.id)) continue;
        const folded = this.folded[slot]!;
        const same = folded === k.folded;
        const sorted = same ? k.sorted : (this.sortedOf[slot] ??= folded.split(' ').sort().join(' '));
        if (sorted !== k.sorted) {
          // same family and given name (in either order), and one name's words within the other's
          const words = folded.split(' ');
          const ends = endsOf(words);
          if (ends !== k.ends && ends !== rev) continue;
          if (!within(k.words, words) && !within(words, k.words)) continue;
        }
        const how: Candidate['how'] = same
          ? (this.exactOf[slot] ??= cleanName(p.fullName).toLowerCase()) === k.exact
            ? 'exact'
            : 'folded'
          : sorted === k.sorted
            ? 'reordered'
            : 'partial';
        const sameOrganisation = p.organisationId === organisationId;
        found.set(p.id, {
          personId: p.id,
          fullName: p.fullName,
          position: p.position,
          organisationId: p.organisationId,
          organisationName: p.organisationName,
          how,
          sameOrganisation,
          score: candidateScore(how, sameOrganisation),
        });
      }
    };
    const dk = distinctKey(k.words);
    consider(this.byDistinct.get(dk)); // the same words (reordered, or the same name)
    consider(this.bySubset.get(dk)); // people with middle names this name leaves out
    if (k.words.length >= 3) {
      // people without some of this name's middle names
      const mids = middles(k.words);
      const ends = [k.words[0]!, k.words[k.words.length - 1]!];
      if (mids.length <= MAX_MIDDLE) for (const key of subsetKeys(ends, mids)) consider(this.byDistinct.get(key));
    }
    consider(this.long);
    return [...found.values()].sort(
      (a, b) => RANK[a.how] - RANK[b.how] || Number(b.sameOrganisation) - Number(a.sameOrganisation) || a.personId - b.personId,
    );
  }
}

export type Suggestion = { personId: number; score: number };
export type MatchResult = {
  status: 'matched' | 'ambiguous' | 'unknown';
  personId: number | null;
  how: Candidate['how'] | null;
  candidates: Candidate[];
  suggestion: Suggestion | null;
  /** Candidates the importer may not see (another organisation's roster): never matched or suggested, kept for the
   *  programme office; a reader who may not see them is only told that someone outside matches (seenBy). */
  outside: Candidate[];
};

/** The candidate to suggest for an ambiguous row: the one with the highest score when no other ties it; its score is
 *  lowered when another candidate comes within 20 points. */
export function suggest(candidates: Candidate[]): Suggestion | null {
  let top: Candidate | null = null,
    second = -1;
  for (const c of candidates) {
    const s = c.score ?? 0;
    if (!top || s > (top.score ?? 0)) {
      if (top) second = Math.max(second, top.score ?? 0);
      top = c;
    } else second = Math.max(second, s);
  }
  if (!top || top.score === second) return null;
  const score = top.score ?? 0;
  return { personId: top.personId, score: second < 0 ? score : score - Math.max(0, 20 - (score - second)) };
}

/** Matches a name among the people the importer may see (`visible`: people of the organisations in their scope; by
 *  default everyone, as for the programme office). People beyond it are never matched, suggested or offered. */
export function matchName(
  index: PersonIndex,
  name: string,
  organisationId: number | null,
  visible: (c: Candidate) => boolean = () => true,
): MatchResult {
  const candidates: Candidate[] = [],
    beyond: Candidate[] = [];
  for (const c of index.candidates(name, organisationId)) (visible(c) ? candidates : beyond).push(c);
  const outside = beyond.slice(0, 10);
  if (!candidates.length) return { status: 'unknown', personId: null, how: null, candidates, suggestion: null, outside };
  const close = candidates.filter((c) => c.sameOrganisation && c.how !== 'partial');
  const only = close.length === 1 ? close[0]! : null;
  if (organisationId !== null && only && (only.how === 'exact' || only.how === 'folded')) {
    return { status: 'matched', personId: only.personId, how: only.how, candidates: [], suggestion: null, outside: [] };
  }
  return { status: 'ambiguous', personId: null, how: null, candidates: candidates.slice(0, 10), suggestion: suggest(candidates), outside };
}

type Seen = Map<number, { seen: boolean }>;
/** A staged row as one reader sees it (`seen`: the row's people not merged away, and whether the reader may see them):
 *  only the candidates, match and suggestion they may see are named; when others match, OUTSIDE_MATCH says so. */
export function seenBy<R extends { candidates: Candidate[]; personId: number | null; suggestedId?: number | null; score?: number | null }>(
  r: R,
  seen: Seen,
): R & { outsideMatch: typeof OUTSIDE_MATCH | null } {
  const shown = (id: number | null | undefined) => id !== null && id !== undefined && seen.get(id)?.seen === true;
  const hidden = (id: number | null | undefined) => id !== null && id !== undefined && seen.get(id)?.seen === false;
  const suggested = shown(r.suggestedId);
  return {
    ...r,
    candidates: r.candidates.filter((c) => shown(c.personId)),
    personId: shown(r.personId) ? r.personId : null,
    ...(r.suggestedId !== undefined ? { suggestedId: suggested ? r.suggestedId : null, score: suggested ? r.score : null } : {}),
    outsideMatch: r.candidates.some((c) => hidden(c.personId)) || hidden(r.personId) || hidden(r.suggestedId) ? OUTSIDE_MATCH : null,
  };
}
