// ISBNs of library books: parse ISBN-10 and ISBN-13 as typed (hyphens and spaces allowed, X as the ISBN-10 check
// digit), verify the check digit, normalise to the 13 digits of an ISBN-13 (ISBN-10 → 978 prefix, as ISO 2108
// prescribes) and hyphenate for display. A wrong check digit is answered with the corrected ISBN to suggest.
//
// Hyphenation follows the range rules of the International ISBN Agency's RangeMessage
// (https://www.isbn-international.org/range_file_generation, RangeMessage.xml; transcribed from the message of
// October 2023). Limits, on purpose:
//  - registration groups: the full group-length rules of the 978 and 979 prefixes are here, so the group element
//    is always split correctly for an assigned group;
//  - registrant ranges: only for the groups this programme meets most — 978-604 (Viet Nam), 978-0 (English),
//    978-2 (French) and 978-3 (German). For any other group the display is prefix-group-rest-check
//    (e.g. 978-89-12345678-9): unambiguous, not wrong, only less split. Ranges added to a group after the message
//    above fall back the same way (the range is then "not defined" here);
//  - nothing here says whether an ISBN was actually assigned; only that it is well formed.
import { AppError } from '../../kernel/errors.js';

/** A rule of RangeMessage: the 7 digits after the group (zero-padded) from `lo` to `hi` have a registrant element of
 *  `len` digits (0: range not defined). */
type Rule = readonly [lo: number, hi: number, len: number];

/** Group-element lengths of each prefix (RangeMessage, "EAN.UCC" rules), over the 7 digits after the prefix. */
const GROUP_RULES: Record<'978' | '979', readonly Rule[]> = {
  '978': [
    [0, 5999999, 1],
    [6000000, 6499999, 3],
    [6500000, 6599999, 2],
    [6600000, 6999999, 0],
    [7000000, 7999999, 1],
    [8000000, 9499999, 2],
    [9500000, 9899999, 3],
    [9900000, 9989999, 4],
    [9990000, 9999999, 5],
  ],
  '979': [
    [0, 999999, 0],
    [1000000, 1299999, 2],
    [1300000, 7999999, 0],
    [8000000, 8999999, 1],
    [9000000, 9999999, 0],
  ],
};

/** Registrant-element lengths of the groups listed above (RangeMessage, "Registration group" rules). */
const REGISTRANT_RULES: Record<string, readonly Rule[]> = {
  // Viet Nam
  '978-604': [
    [0, 2999999, 1],
    [3000000, 3999999, 3],
    [4000000, 4699999, 2],
    [4700000, 4979999, 3],
    [4980000, 4999999, 4],
    [5000000, 8999999, 2],
    [9000000, 9799999, 3],
    [9800000, 9999999, 4],
  ],
  // English language
  '978-0': [
    [0, 1999999, 2],
    [2000000, 2279999, 3],
    [2280000, 2289999, 4],
    [2290000, 3689999, 3],
    [3690000, 3699999, 4],
    [3700000, 6389999, 3],
    [6390000, 6397999, 4],
    [6398000, 6399999, 7],
    [6400000, 6449999, 3],
    [6450000, 6459999, 7],
    [6460000, 6479999, 3],
    [6480000, 6489999, 7],
    [6490000, 6549999, 3],
    [6550000, 6559999, 4],
    [6560000, 6999999, 3],
    [7000000, 8499999, 4],
    [8500000, 8999999, 5],
    [9000000, 9003709, 6],
    [9003710, 9003719, 7],
    [9003720, 9499999, 6],
    [9500000, 9999999, 7],
  ],
  // French language
  '978-2': [
    [0, 1999999, 2],
    [2000000, 3499999, 3],
    [3500000, 3999999, 5],
    [4000000, 4869999, 3],
    [4870000, 4949999, 6],
    [4950000, 4959999, 3],
    [4960000, 4966999, 4],
    [4967000, 4969999, 5],
    [4970000, 5279999, 3],
    [5280000, 5299999, 4],
    [5300000, 6999999, 3],
    [7000000, 8399999, 4],
    [8400000, 8999999, 5],
    [9000000, 9197999, 6],
    [9198000, 9198099, 5],
    [9198100, 9199429, 6],
    [9199430, 9199689, 7],
    [9199690, 9499999, 6],
    [9500000, 9999999, 7],
  ],
  // German language
  '978-3': [
    [0, 299999, 2],
    [300000, 339999, 3],
    [340000, 369999, 4],
    [370000, 399999, 5],
    [400000, 1999999, 2],
    [2000000, 6889999, 3],
    [6890000, 6949999, 5],
    [6950000, 8499999, 4],
    [8500000, 8999999, 5],
    [9000000, 9499999, 6],
    [9500000, 9539999, 7],
    [9540000, 9699999, 5],
    [9700000, 9849999, 7],
    [9850000, 9999999, 5],
  ],
};

const ruleFor = (rules: readonly Rule[], digits: string): number => {
  const v = Number(digits.padEnd(7, '0').slice(0, 7));
  return rules.find(([lo, hi]) => v >= lo && v <= hi)?.[2] ?? 0;
};

/** The check digit of an ISBN-13 from its first 12 digits (weights 1, 3, 1, 3 …; modulus 10). */
export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** The check digit of an ISBN-10 from its first 9 digits (weights 10 … 2; modulus 11; 10 is written X). */
export function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Hyphenates a well-formed ISBN-13 (13 digits): prefix-group-registrant-publication-check where the ranges are known,
 *  prefix-group-rest-check where only the group is, prefix-rest-check otherwise. */
export function hyphenateIsbn13(isbn13: string): string {
  const prefix = isbn13.slice(0, 3);
  const body = isbn13.slice(3, 12);
  const check = isbn13.slice(12);
  const groupRules = GROUP_RULES[prefix as '978' | '979'];
  const groupLen = groupRules ? ruleFor(groupRules, body) : 0;
  if (!groupLen) return `${prefix}-${body}-${check}`;
  const group = body.slice(0, groupLen);
  const rest = body.slice(groupLen);
  const registrantRules = REGISTRANT_RULES[`${prefix}-${group}`];
  const regLen = registrantRules ? ruleFor(registrantRules, rest) : 0;
  if (!regLen || regLen >= rest.length) return `${prefix}-${group}-${rest}-${check}`;
  return `${prefix}-${group}-${rest.slice(0, regLen)}-${rest.slice(regLen)}-${check}`;
}

/** Hyphenates an ISBN-10 (10 characters) like its ISBN-13 equivalent, without the 978 prefix. */
export function hyphenateIsbn10(isbn10: string): string {
  const h = hyphenateIsbn13(`978${isbn10.slice(0, 9)}${isbn13CheckDigit(`978${isbn10.slice(0, 9)}`)}`);
  return `${h.slice(4, -1)}${isbn10.slice(9)}`;
}

/** The ISBN-13 digits of a well-formed ISBN-10 (978 prefix, check digit recomputed). */
export function isbn10To13(isbn10: string): string {
  const first12 = `978${isbn10.slice(0, 9)}`;
  return first12 + isbn13CheckDigit(first12);
}

export type IsbnCheck =
  | { valid: true; isbn13: string; hyphenated: string }
  | { valid: false; isbn13: null; hyphenated: null; suggestion?: string; message: string };

/** Checks an ISBN as typed. Valid: its ISBN-13 digits and display form. Invalid: why, and for a wrong check digit
 *  the corrected ISBN (hyphenated, in the form typed: ISBN-10 or ISBN-13) as `suggestion`. */
export function checkIsbn(input: string): IsbnCheck {
  const typed = String(input ?? '').trim();
  const bad = (message: string, suggestion?: string): IsbnCheck => ({
    valid: false,
    isbn13: null,
    hyphenated: null,
    message,
    ...(suggestion ? { suggestion } : {}),
  });
  const compact = typed
    .replace(/^ISBN(?:-1[03])?:?\s*/i, '')
    .replace(/[\s\u00a0\-\u2010-\u2015]/g, '')
    .toUpperCase();
  if (!compact) return bad('ISBN is empty');
  if (!/^[0-9X]+$/.test(compact))
    return bad(`ISBN ${typed} has characters other than digits, hyphens and spaces (and X as the last character of an ISBN-10)`);
  if (compact.length === 10) {
    if (compact.slice(0, 9).includes('X')) return bad(`ISBN ${typed}: X may only be the check digit (the last character)`);
    const right = isbn10CheckDigit(compact);
    if (compact[9] !== right) {
      const fixed = compact.slice(0, 9) + right;
      return bad(
        `ISBN ${hyphenateIsbn10(compact)} has a wrong check digit; did you mean ${hyphenateIsbn10(fixed)}?`,
        hyphenateIsbn10(fixed),
      );
    }
    const isbn13 = isbn10To13(compact);
    return { valid: true, isbn13, hyphenated: hyphenateIsbn13(isbn13) };
  }
  if (compact.length === 13) {
    if (compact.includes('X')) return bad(`ISBN ${typed}: an ISBN-13 has digits only (X is an ISBN-10 check digit)`);
    if (!compact.startsWith('978') && !compact.startsWith('979')) return bad(`ISBN ${typed}: an ISBN-13 begins with 978 or 979`);
    const right = isbn13CheckDigit(compact);
    if (compact[12] !== right) {
      const fixed = compact.slice(0, 12) + right;
      return bad(
        `ISBN ${hyphenateIsbn13(compact)} has a wrong check digit; did you mean ${hyphenateIsbn13(fixed)}?`,
        hyphenateIsbn13(fixed),
      );
    }
    return { valid: true, isbn13: compact, hyphenated: hyphenateIsbn13(compact) };
  }
  return bad(`ISBN ${typed} has ${compact.length} digits; an ISBN has 10 (ISBN-10) or 13 (ISBN-13)`);
}

/** The ISBN-13 digits of `input`, or AppError validation_failed on `field` (with the suggestion in the message). */
export function normaliseIsbn(input: string, field = 'book.isbn'): string {
  const r = checkIsbn(input);
  if (!r.valid) throw new AppError('validation_failed', r.message, [{ field, message: r.message }]);
  return r.isbn13;
}

/** Display form of stored ISBN-13 digits (or of anything else stored, unchanged). */
export function displayIsbn(isbn13: string | null): string | null {
  if (!isbn13) return null;
  return /^97[89]\d{10}$/.test(isbn13) ? hyphenateIsbn13(isbn13) : isbn13;
}
