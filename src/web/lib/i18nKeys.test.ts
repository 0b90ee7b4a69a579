// Every string key the workspace's code asks i18next for exists in Vietnamese and in English: a key missing from the
// locale files shows as its code ("indicators.year") on the page, which no other test reads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from './i18nResources';

const WEB = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Literal keys of t('a.b') / i18n.t('a.b') calls (template and computed keys are not literal: not checked). */
function keysUsed(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sources(WEB)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z][\w-]*(?:\.[\w-]+)+)'/g)) {
      if (!used.has(m[1]!)) used.set(m[1]!, path.relative(WEB, file));
    }
  }
  return used;
}

function has(tree: unknown, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node = tree as Record<string, unknown> | undefined;
  for (const p of parts) node = node && typeof node === 'object' ? (node[p] as Record<string, unknown>) : undefined;
  if (!node || typeof node !== 'object') return false;
  // i18next plurals: "x" may be written as x_one / x_other.
  return last in node || `${last}_other` in node || `${last}_one` in node;
}

describe('workspace strings', () => {
  const used = keysUsed();
  it('finds the keys the code uses', () => {
    expect(used.size).toBeGreaterThan(500);
  });
  for (const lang of ['vi', 'en'] as const) {
    it(`has every key the code uses in ${lang === 'vi' ? 'Vietnamese' : 'English'}`, () => {
      const missing = [...used].filter(([k]) => !has(resources[lang].translation, k)).map(([k, f]) => `${k} (${f})`);
      expect(missing).toEqual([]);
    });
  }
});
