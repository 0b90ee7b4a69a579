// The figure a person reads while a file goes up or comes down, in both languages.
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import vi from '../locales/vi.json';
import en from '../locales/en.json';
import { formatBytes, transferFraction, transferText, type Transfer } from './transferFigure';

const i18n = i18next.createInstance();
await i18n.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'vi', interpolation: { escapeValue: false } });
const text = (p: Transfer, lng: 'vi' | 'en') => transferText(p, i18n.getFixedT(lng), lng);

describe('transfer figures', () => {
  it('sizes with the language’s decimal separator', () => {
    expect(formatBytes(1_234_567, 'vi')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(950, 'vi')).toBe('950 B');
    expect(formatBytes(45_600, 'en')).toBe('46 kB');
  });

  it('an upload shows its percentage and sizes, then the server’s work, then the rows processed', () => {
    const up: Transfer = { phase: 'upload', loaded: 1_200_000, total: 2_600_000 };
    expect(text(up, 'vi')).toBe('Đang gửi tệp: 46 % (1,2 MB / 2,6 MB)');
    expect(text(up, 'en')).toBe('Sending the file: 46% (1.2 MB / 2.6 MB)');
    expect(text({ phase: 'processing', loaded: 2_600_000, total: 2_600_000 }, 'vi')).toContain('máy chủ đang đọc');
    expect(text({ phase: 'done', loaded: 2_600_000, total: 2_600_000, rows: 23_456 }, 'vi')).toBe('Đã xử lý 23.456 dòng');
    expect(text({ phase: 'done', loaded: 2_600_000, total: 2_600_000, rows: 23_456 }, 'en')).toBe('23,456 rows processed');
    expect(text({ phase: 'done', loaded: 100, total: 100, rows: 1 }, 'en')).toBe('1 row processed');
  });

  it('while the server works, its rows read / matched / written, with the share when the rows in all are known', () => {
    const work = (stage: 'read' | 'match' | 'write', done: number, total: number | null): Transfer => ({
      phase: 'processing',
      loaded: 100,
      total: 100,
      work: { stage, done, total },
    });
    expect(text(work('read', 12_000, 50_000), 'vi')).toBe('Đã đọc 12.000 / 50.000 dòng');
    expect(text(work('read', 12_000, 50_000), 'en')).toBe('Read 12,000 of 50,000 rows');
    expect(text(work('read', 12_000, null), 'vi')).toBe('Đã đọc 12.000 dòng…');
    expect(text(work('match', 1_500, null), 'en')).toBe('Matched 1,500 rows…');
    expect(text(work('match', 2_500, 3_000), 'vi')).toBe('Đã đối chiếu 2.500 / 3.000 dòng');
    expect(text(work('write', 1, 1), 'en')).toBe('Written 1 of 1 row');
    expect(text(work('write', 1_000, 4_000), 'vi')).toBe('Đã ghi 1.000 / 4.000 dòng');
    expect(transferFraction(work('write', 1_000, 4_000))).toBe(0.25);
    expect(transferFraction(work('read', 1_000, null))).toBeNull();
  });

  it('a download shows the bytes received, with the share when the size is known', () => {
    expect(text({ phase: 'download', loaded: 0, total: null }, 'vi')).toBe('Máy chủ đang lập tệp…');
    expect(text({ phase: 'download', loaded: 1_200_000, total: null }, 'vi')).toBe('1,2 MB đã tải');
    expect(text({ phase: 'download', loaded: 1_200_000, total: 4_800_000 }, 'en')).toBe('1.2 MB / 4.8 MB received (25%)');
    expect(text({ phase: 'done', loaded: 4_800_000, total: 4_800_000 }, 'vi')).toBe('Đã tải xong 4,8 MB');
  });
});
