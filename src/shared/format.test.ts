import { describe, expect, it } from 'vitest';
import { periodLabel } from './labels';
import {
  fmtDate,
  fmtDateTime,
  fmtNumber,
  fmtPercent,
  fmtShare,
  isoToDmy,
  isoToVnWall,
  parseDmy,
  parseDmyTime,
  vnToday,
  vnWallToIso,
  wallToDmy,
} from './format';
import * as web from '../web/lib/format';
import * as server from '../server/kernel/format';

describe('dates', () => {
  it('writes a calendar day as Vietnamese readers do, and "4 October 2026" in English', () => {
    expect(fmtDate('2026-10-04', 'vi')).toBe('04/10/2026');
    expect(fmtDate('2026-10-04', 'en')).toBe('4 October 2026');
    expect(fmtDate('2026-10-04', 'en-GB')).toBe('4 October 2026');
    expect(fmtDate(null, 'vi')).toBe('—');
    expect(fmtDate('', 'en')).toBe('—');
    expect(fmtDate('not a date', 'vi')).toBe('—');
  });

  it('reads an instant in Viet Nam time, across midnight UTC', () => {
    // 18:30 UTC on 31 December is 01:30 on 1 January in Viet Nam.
    expect(fmtDate('2026-12-31T18:30:00Z', 'vi')).toBe('01/01/2027');
    expect(fmtDateTime('2026-12-31T18:30:00Z', 'vi')).toBe('01/01/2027, 01:30 (giờ Việt Nam)');
    expect(fmtDateTime('2026-12-31T18:30:00Z', 'en')).toBe('1 January 2027, 01:30 (Viet Nam time)');
    expect(fmtDateTime(new Date('2026-12-07T07:05:00Z'), 'vi', { label: false })).toBe('07/12/2026, 14:05');
    expect(fmtDateTime('2026-12-07T17:00:00Z', 'en')).toBe('8 December 2026, 00:00 (Viet Nam time)');
    expect(fmtDateTime(undefined, 'vi')).toBe('—');
    expect(vnToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(vnToday(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
  });

  it('reads a typed day in dd/mm/yyyy and refuses a day that does not exist', () => {
    expect(parseDmy('31/12/2026')).toBe('2026-12-31');
    expect(parseDmy(' 1/2/2026 ')).toBe('2026-02-01');
    expect(parseDmy('01-02-2026')).toBe('2026-02-01');
    expect(parseDmy('01.02.2026')).toBe('2026-02-01');
    expect(parseDmy('2026-02-01')).toBe('2026-02-01');
    expect(parseDmy('29/02/2028')).toBe('2028-02-29');
    expect(parseDmy('29/02/2026')).toBeNull();
    expect(parseDmy('31/04/2026')).toBeNull();
    expect(parseDmy('12/31/2026')).toBeNull();
    expect(parseDmy('31/12/26')).toBeNull();
    expect(parseDmy('')).toBeNull();
    expect(isoToDmy('2026-12-31')).toBe('31/12/2026');
    expect(isoToDmy('')).toBe('');
  });

  it('reads a typed moment as Viet Nam time, whatever the machine’s zone', () => {
    expect(parseDmyTime('31/12/2026 14:05')).toBe('2026-12-31T14:05');
    expect(parseDmyTime('1/1/2027, 7:30')).toBe('2027-01-01T07:30');
    expect(parseDmyTime('2027-01-01T07:30')).toBe('2027-01-01T07:30');
    expect(parseDmyTime('31/12/2026 24:00')).toBeNull();
    expect(parseDmyTime('31/12/2026')).toBeNull();
    expect(wallToDmy('2026-12-31T14:05')).toBe('31/12/2026 14:05');
    expect(vnWallToIso('2027-01-01T01:30')).toBe('2026-12-31T18:30:00.000Z');
    expect(vnWallToIso('')).toBeNull();
    expect(vnWallToIso('soon')).toBe('soon');
    expect(isoToVnWall('2026-12-31T18:30:00Z')).toBe('2027-01-01T01:30');
  });
});

describe('numbers', () => {
  it('groups thousands the reader’s way', () => {
    expect(fmtNumber(12345, 'vi')).toBe('12.345');
    expect(fmtNumber(12345, 'en')).toBe('12,345');
    expect(fmtNumber(1234567.891, 'vi', 2)).toBe('1.234.567,89');
    expect(fmtNumber(1234567.891, 'en', 2)).toBe('1,234,567.89');
    expect(fmtNumber(-0.2, 'vi')).toBe('0');
    expect(fmtNumber(null, 'vi')).toBe('—');
    expect(fmtNumber(Number.NaN, 'en')).toBe('—');
  });

  it('writes one decimal separator per language in percentages, rounded', () => {
    expect(fmtPercent(0.899, 'vi')).toBe('89,9 %');
    expect(fmtPercent(0.899, 'en')).toBe('89.9%');
    expect(fmtPercent(0.89949, 'vi')).toBe('89,9 %');
    expect(fmtPercent(0.89951, 'en')).toBe('90%');
    expect(fmtPercent(0.5, 'vi')).toBe('50 %');
    expect(fmtPercent(12.345, 'vi', 0)).toBe('1.235 %');
    expect(fmtPercent(null, 'vi')).toBe('—');
    expect(fmtShare(37, 63, 'vi')).toBe('58,7 %');
    expect(fmtShare(1, 0, 'en')).toBe('—');
  });

  it('names periods in words', () => {
    expect(periodLabel('2026-Q4', 'vi')).toBe('Quý 4/2026');
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026-H1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026-03', 'en')).toBe('March 2026');
    expect(periodLabel('2026', 'vi')).toBe('Năm 2026');
  });
});

it('is the one helper on each side', () => {
  for (const side of [web, server]) {
    expect(side.fmtDate).toBe(fmtDate);
    expect(side.fmtDateTime).toBe(fmtDateTime);
    expect(side.fmtNumber).toBe(fmtNumber);
    expect(side.fmtPercent).toBe(fmtPercent);
  }
});
