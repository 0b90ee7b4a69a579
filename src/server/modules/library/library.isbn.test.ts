// ISBNs: real-world valid ISBN-10 and ISBN-13 (with and without hyphens), the X check digit, normalisation to
// ISBN-13, hyphenation by the range rules (Viet Nam 978-604 and the groups in the table; the generic fallback
// elsewhere), and bad ones answered with the reason and, for a wrong check digit, the corrected ISBN.
import { describe, expect, it } from 'vitest';
import { checkIsbn, displayIsbn, hyphenateIsbn13, isbn10CheckDigit, isbn13CheckDigit, normaliseIsbn } from './library.isbn.js';

describe('check digits', () => {
  it('computes ISBN-13 (modulus 10) and ISBN-10 (modulus 11, X for 10) check digits', () => {
    expect(isbn13CheckDigit('978030640615')).toBe('7');
    expect(isbn10CheckDigit('030640615')).toBe('2');
    expect(isbn10CheckDigit('080442957')).toBe('X');
    expect(isbn13CheckDigit('978604000000')).toBe('2');
  });
});

describe('valid ISBNs', () => {
  const cases: [string, string, string][] = [
    ['978-0-306-40615-7', '9780306406157', '978-0-306-40615-7'],
    ['9780306406157', '9780306406157', '978-0-306-40615-7'],
    ['0-306-40615-2', '9780306406157', '978-0-306-40615-7'], // ISBN-10 → 978 prefix, check digit recomputed
    ['0306406152', '9780306406157', '978-0-306-40615-7'],
    ['0-8044-2957-X', '9780804429573', '978-0-8044-2957-3'], // X check digit
    ['0-8044-2957-x', '9780804429573', '978-0-8044-2957-3'],
    ['978-3-16-148410-0', '9783161484100', '978-3-16-148410-0'],
    ['978-2-07-036822-8', '9782070368228', '978-2-07-036822-8'],
    ['ISBN 978 604 0 00000 2', '9786040000002', '978-604-0-00000-2'],
    ['978-604-57-1234-4', '9786045712344', '978-604-57-1234-4'], // 2-digit registrant range 50–89
    ['978-604-300-123-5', '9786043001235', '978-604-300-123-5'], // 3-digit range 300–399
    ['978-604-4999-01-2', '9786044999012', '978-604-4999-01-2'], // 4-digit range 4980–4999
    ['978–604–1–23456–7', '9786041234567', '978-604-1-23456-7'], // en dashes, as pasted from a document
  ];
  for (const [typed, isbn13, hyphenated] of cases) {
    it(`${typed} → ${hyphenated}`, () => {
      expect(checkIsbn(typed)).toEqual({ valid: true, isbn13, hyphenated });
      expect(normaliseIsbn(typed)).toBe(isbn13);
    });
  }

  it('falls back to prefix-group-rest-check for groups without a range table, and prefix-rest-check without a group', () => {
    expect(hyphenateIsbn13('9788912345670')).toBe('978-89-1234567-0');
    expect(hyphenateIsbn13('9791234567896')).toBe('979-12-3456789-6');
    expect(hyphenateIsbn13('9796600000005')).toBe('979-660000000-5'); // 979-6…: no group assigned
    expect(displayIsbn('9786040000002')).toBe('978-604-0-00000-2');
    expect(displayIsbn(null)).toBeNull();
  });
});

describe('bad ISBNs', () => {
  it('suggests the corrected check digit', () => {
    const r = checkIsbn('978-604-0-00000-1');
    expect(r).toMatchObject({
      valid: false,
      suggestion: '978-604-0-00000-2',
      message: 'ISBN 978-604-0-00000-1 has a wrong check digit; did you mean 978-604-0-00000-2?',
    });
    expect(checkIsbn('0-306-40615-3')).toMatchObject({ valid: false, suggestion: '0-306-40615-2' });
    expect(checkIsbn('0-8044-2957-1')).toMatchObject({ valid: false, suggestion: '0-8044-2957-X' });
    expect(checkIsbn('9780306406158')).toMatchObject({ valid: false, suggestion: '978-0-306-40615-7' });
  });

  it('names what is wrong otherwise, without a suggestion', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['12345', /5 digits/],
      ['978-0-306-40615', /12 digits/],
      ['978-0-306-40615-77', /14 digits/],
      ['97803064O6157', /characters other than digits/],
      ['X306406152', /X may only be the check digit/],
      ['978030640615X', /digits only/],
      ['1234567890128', /begins with 978 or 979/],
    ];
    for (const [typed, message] of cases) {
      const r = checkIsbn(typed);
      expect(r.valid, typed).toBe(false);
      expect(r.valid ? '' : r.message, typed).toMatch(message);
      expect(r, typed).not.toHaveProperty('suggestion');
    }
  });

  it('normaliseIsbn throws a validation error on the book.isbn field, with the suggestion in the message', () => {
    expect(() => normaliseIsbn('978-604-0-00000-1')).toThrowError(/did you mean 978-604-0-00000-2\?/);
    try {
      normaliseIsbn('978-604-0-00000-1');
    } catch (e) {
      expect(e).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'book.isbn', message: expect.stringContaining('978-604-0-00000-2') }],
      });
    }
  });
});
