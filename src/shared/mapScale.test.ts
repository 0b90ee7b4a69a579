// The shared map scale: classes, colours (contrast with the white borders), number formats in both languages.
import { describe, expect, it } from 'vitest';
import { classIndex, colourFor, formatValue, MAP_PALETTE, mapClasses, NO_DATA_COLOUR, ZERO_COLOUR } from './mapScale.js';

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('mapClasses', () => {
  it('has five percent classes of 20 points with labels in each language', () => {
    const c = mapClasses('percent');
    expect(c.map((k) => [k.from, k.to])).toEqual([
      [0, 20],
      [20, 40],
      [40, 60],
      [60, 80],
      [80, 100],
    ]);
    expect(c.map((k) => k.label)).toEqual(['0–20 %', '20–40 %', '40–60 %', '60–80 %', '80–100 %']);
    expect(mapClasses('percent', undefined, 'en').map((k) => k.label)).toEqual(['0–20%', '20–40%', '40–60%', '60–80%', '80–100%']);
    expect(c.map((k) => k.colour)).toEqual([...MAP_PALETTE]);
  });

  it('gives a count of zero its own class, then five whole, round, non-overlapping classes that reach the maximum', () => {
    const ramp = (max?: number) => mapClasses('count', max).slice(1);
    expect(mapClasses('count', 100)[0]).toMatchObject({ from: 0, to: 1, colour: ZERO_COLOUR, label: '0' });
    expect(ramp(100).map((k) => k.label)).toEqual(['1–20', '21–40', '41–60', '61–80', '81–100']);
    expect(ramp(7).map((k) => k.label)).toEqual(['1–2', '3–4', '5–6', '7–8', '9–10']);
    expect(ramp(1234).map((k) => k.to - 1)).toEqual([250, 500, 750, 1000, 1250]);
    expect(ramp(4900).map((k) => k.label)).toEqual(['1–1.000', '1.001–2.000', '2.001–3.000', '3.001–4.000', '4.001–5.000']);
    expect(ramp(4900)[4].label).toBe('4.001–5.000');
    expect(mapClasses('count', 4900, 'en')[5].label).toBe('4,001–5,000');
    expect(ramp().map((k) => k.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(ramp(0).map((k) => k.label)).toEqual(['1', '2', '3', '4', '5']);
    for (const max of [3, 9, 12, 31, 99, 101, 777, 20_001]) {
      const c = mapClasses('count', max);
      expect(c[5].to - 1, String(max)).toBeGreaterThanOrEqual(max);
      expect(c.every((k) => Number.isInteger(k.from) && Number.isInteger(k.to))).toBe(true);
      for (let i = 1; i < c.length; i++) expect(c[i].from, String(max)).toBe(c[i - 1].to); // no gap, no overlap
    }
  });

  it('draws zero apart from no data and from the lowest class', () => {
    const c = mapClasses('count', 40);
    expect(colourFor(0, c)).toBe(ZERO_COLOUR);
    expect(colourFor(1, c)).toBe(MAP_PALETTE[0]);
    expect(colourFor(10, c)).toBe(MAP_PALETTE[0]);
    expect(colourFor(11, c)).toBe(MAP_PALETTE[1]);
    expect(colourFor(null, c)).toBe(NO_DATA_COLOUR);
    expect(contrastWithWhite(ZERO_COLOUR)).toBeGreaterThanOrEqual(3);
    expect(new Set([...MAP_PALETTE, NO_DATA_COLOUR, ZERO_COLOUR]).size).toBe(7);
  });
});

describe('colourFor', () => {
  const c = mapClasses('percent');
  it('puts a value in its class: lower bound inclusive, the last class takes 100 and above', () => {
    expect(colourFor(0, c)).toBe(MAP_PALETTE[0]);
    expect(colourFor(19.9, c)).toBe(MAP_PALETTE[0]);
    expect(colourFor(20, c)).toBe(MAP_PALETTE[1]);
    expect(colourFor(72.5, c)).toBe(MAP_PALETTE[3]);
    expect(colourFor(100, c)).toBe(MAP_PALETTE[4]);
    expect(colourFor(130, c)).toBe(MAP_PALETTE[4]);
    expect(colourFor(-5, c)).toBe(MAP_PALETTE[0]);
    expect(classIndex(80, c)).toBe(4);
    expect(classIndex(null, c)).toBe(-1);
  });
  it('gives no data a neutral grey', () => {
    expect(colourFor(null, c)).toBe(NO_DATA_COLOUR);
    expect(colourFor(Number.NaN, c)).toBe(NO_DATA_COLOUR);
    expect(NO_DATA_COLOUR).toMatch(/^#([0-9a-f]{2})\1\1$/);
  });
  it('keeps every class at 3:1 or more against the white borders, darker with each class, and distinct from no data', () => {
    const contrasts = MAP_PALETTE.map(contrastWithWhite);
    for (const k of contrasts) expect(k).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < contrasts.length; i++) expect(contrasts[i]).toBeGreaterThan(contrasts[i - 1] * 1.25);
    expect(new Set([...MAP_PALETTE, NO_DATA_COLOUR]).size).toBe(6);
    expect(luminance(NO_DATA_COLOUR)).toBeGreaterThan(luminance(MAP_PALETTE[0])); // lighter than any value: never read as a low one
  });
});

describe('formatValue', () => {
  it('writes percentages the Vietnamese and the English way', () => {
    expect(formatValue(72.5, 'percent', 'vi')).toBe('72,5 %');
    expect(formatValue(72.5, 'percent', 'en')).toBe('72.5%');
    expect(formatValue(100, 'percent', 'vi')).toBe('100 %');
    expect(formatValue(33.333, 'percent', 'en')).toBe('33.3%');
    expect(formatValue(0, 'percent', 'vi')).toBe('0 %');
  });
  it('groups thousands in counts', () => {
    expect(formatValue(1234567, 'count', 'vi')).toBe('1.234.567');
    expect(formatValue(1234567, 'count', 'en')).toBe('1,234,567');
    expect(formatValue(1234.5, 'count', 'vi')).toBe('1.234,5');
    expect(formatValue(-12, 'count', 'en')).toBe('-12');
  });
  it('says so when there is no value', () => {
    expect(formatValue(null, 'percent', 'vi')).toBe('Không có số liệu');
    expect(formatValue(null, 'count', 'en')).toBe('No data');
  });
});
