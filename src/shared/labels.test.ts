// The label helpers: a reader sees words, never the codes the platform keeps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  LANGUAGE_NAMES,
  auditAction,
  auditEntity,
  auditVia,
  breakdownLabel,
  languageName,
  periodLabel,
  periodPhrase,
  targetCode,
} from './labels';

describe('languageName', () => {
  it('names a language in the reader’s language, from its three- or two-letter code', () => {
    expect(languageName('vie', 'vi')).toBe('Tiếng Việt');
    expect(languageName('eng', 'vi')).toBe('Tiếng Anh');
    expect(languageName('eng', 'en')).toBe('English');
    expect(languageName('vi', 'en')).toBe('Vietnamese');
    expect(languageName('EN', 'vi')).toBe('Tiếng Anh');
    expect(languageName('hmn', 'vi')).toBe("Tiếng Mông (H'Mông)");
    expect(languageName('xyz', 'vi')).toBe('xyz');
    expect(languageName(null, 'vi')).toBe('');
  });

  it('knows every language of the reference list, with the same names', () => {
    const lines = readFileSync('data/reference/languages.csv', 'utf8').trim().split('\n').slice(1);
    const fromCsv = Object.fromEntries(
      lines.map((l) => {
        const [code, vi, en] = l.split(',');
        return [code, { vi, en }];
      }),
    );
    expect(LANGUAGE_NAMES).toEqual(fromCsv);
  });
});

describe('periodLabel', () => {
  it('writes periods as people write them', () => {
    expect(periodLabel('2026-Q4', 'vi')).toBe('Quý 4/2026');
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026-H1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026-H2', 'en')).toBe('Second half of 2026');
    expect(periodLabel('2026-03', 'vi')).toBe('Tháng 3/2026');
    expect(periodLabel('2026-10', 'en')).toBe('October 2026');
    expect(periodLabel('2026', 'vi')).toBe('Năm 2026');
    expect(periodLabel('2026', 'en')).toBe('Year 2026');
    expect(periodLabel('2023-2028', 'vi')).toBe('Giai đoạn 2023–2028');
    expect(periodLabel('soon', 'en')).toBe('soon');
    expect(periodPhrase('2026-Q4', 'vi')).toBe('quý 4/2026');
    expect(periodPhrase('2026-H1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodPhrase('2026-Q4', 'en')).toBe('Q4 2026');
  });
});

describe('targetCode', () => {
  it('writes a target as the decision does: T2a, T4b, T5c', () => {
    expect(targetCode('T2A')).toBe('T2a');
    expect(targetCode('t4b')).toBe('T4b');
    expect(targetCode('T5c')).toBe('T5c');
    expect(targetCode('T6')).toBe('T6');
    expect(targetCode('16.10')).toBe('16.10');
  });
});

describe('breakdownLabel', () => {
  it('names the row without a value and a language row; keeps the server’s own label', () => {
    expect(breakdownLabel('orgKind', '_none', { vi: '_none', en: '_none' }).vi).toBe('Chưa phân loại');
    expect(breakdownLabel('province', '_none').en).toBe('Central and abroad');
    expect(breakdownLabel('somethingElse', '_none').vi).toBe('Chưa xác định');
    expect(breakdownLabel('language', 'vie', { vi: 'vie', en: 'vie' })).toEqual({ vi: 'Tiếng Việt', en: 'Vietnamese' });
    expect(breakdownLabel('province', 'HN', { vi: 'Hà Nội', en: 'Ha Noi' }).vi).toBe('Hà Nội');
  });
});

describe('audit labels', () => {
  it('says what was done and to what, in words', () => {
    expect(auditAction('create', 'vi')).toBe('Tạo mới');
    expect(auditAction('handle-platform_report', 'vi')).toBe('Xử lý: báo cáo qua kênh của nền tảng');
    expect(auditAction('handle-platform_report', 'en')).toBe("Handled: reported through the platform's channel");
    expect(auditAction('move-published', 'en')).toBe('Verdict published');
    expect(auditEntity('fc_item', 'vi')).toBe('Tin theo dõi trên mạng');
    expect(auditEntity('fc_item', 'en')).toBe('Monitored online item');
    expect(auditVia('import', 'vi')).toBe('Nhập từ tệp');
  });

  it('words an unknown code from its parts rather than showing it raw', () => {
    expect(auditAction('brand_new-thing', 'en')).toBe('brand new thing');
    expect(auditEntity('new_entity', 'vi')).toBe('new entity');
  });

  it('has both languages for every action it knows', () => {
    for (const [k, w] of Object.entries(AUDIT_ACTIONS)) {
      expect(w.vi, k).not.toBe('');
      expect(w.en, k).not.toBe('');
      expect(w.vi, k).not.toBe(w.en);
    }
  });
});
