// Every message the server can send has its Vietnamese: every error code, every validation rule the contracts raise
// (zod issue codes, their bounds and formats), every custom message of a contract, and the messages services write
// (a ratchet: a new English message without its phrase in kernel/messages fails here).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_STATUS } from './errors.js';
import { CODE_TEXT, cliErrorText, issueText, langOf, localiseError, translate, type IssueLike } from './messages.js';

const CONTRACTS = join(import.meta.dirname, '../../shared/contracts');
const SERVER = join(import.meta.dirname, '..');

/** Vietnamese that is not the English again and not empty. */
function expectVietnamese(vi: string | undefined, en: string) {
  expect(vi, `no Vietnamese for "${en}"`).toBeTruthy();
  if (/[a-z]{3}/i.test(en)) expect(vi, `"${en}" is not translated`).not.toBe(en);
}

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('every error code', () => {
  it('has its sentence in both languages', () => {
    for (const code of Object.keys(ERROR_STATUS)) {
      const t = CODE_TEXT[code as keyof typeof CODE_TEXT];
      expect(t, code).toBeDefined();
      expectVietnamese(t.vi, t.en);
    }
  });
});

describe('every validation rule', () => {
  /** Issues of every kind zod raises, from schemas like the contracts'. */
  const samples: [z.ZodType, unknown][] = [
    [z.object({ a: z.string() }), {}], // invalid_type (required)
    [z.string(), 5],
    [z.number(), 'x'],
    [z.number().int(), 1.5],
    [z.boolean(), 'x'],
    [z.array(z.string()), 'x'],
    [z.object({}), 'x'],
    [z.string().min(1), ''],
    [z.string().min(3), 'a'],
    [z.string().max(3), 'abcd'],
    [z.string().length(2), 'abc'],
    [z.array(z.string()).min(1), []],
    [z.array(z.string()).min(2), ['a']],
    [z.array(z.string()).max(1), ['a', 'b']],
    [z.number().min(1900), 1800],
    [z.number().max(2100), 2200],
    [z.number().positive(), 0],
    [z.number().int().nonnegative(), -1],
    [z.number().lt(5), 5],
    [z.date().min(new Date('2020-01-01')), new Date('2019-01-01')],
    [z.date().max(new Date('2020-01-01')), new Date('2021-01-01')],
    [z.string().email(), 'x'],
    [z.string().url(), 'x'],
    [z.string().uuid(), 'x'],
    [z.string().datetime(), 'x'],
    [z.iso.date(), 'x'],
    [z.string().regex(/^a$/), 'b'],
    [z.string().startsWith('a'), 'b'],
    [z.string().endsWith('a'), 'b'],
    [z.string().includes('a'), 'b'],
    [
      z
        .string()
        .toLowerCase()
        .regex(/^[a-z]+$/),
      'A1',
    ],
    [z.enum(['ministry', 'press']), 'x'],
    [z.literal('yes'), 'no'],
    [z.number().multipleOf(5), 3],
    [z.object({ a: z.string() }).strict(), { a: 'x', b: 1 }],
    [z.union([z.string(), z.number()]), true],
    [z.record(z.string().min(2), z.string()), { b: 'x' }],
    [z.set(z.number()).min(1), new Set()],
  ];

  it('words each zod issue for a person, in both languages', () => {
    const codes = new Set<string>();
    for (const [schema, input] of samples) {
      const r = schema.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      for (const issue of r.error!.issues) {
        codes.add(issue.code);
        const en = issueText(issue as IssueLike);
        expect(en, `${issue.code}: ${issue.message}`).toBeTruthy();
        expect(en).not.toMatch(/Invalid input|Too small|Too big|expected string|Invalid option/);
        expectVietnamese(translate(en!)?.vi, en!);
      }
    }
    // every issue code zod 4 raises but `custom` (the contracts' own words, below) and `invalid_element` (maps and sets
    // of a wrong element: no contract has one; issueText words it all the same)
    for (const code of [
      'invalid_type',
      'too_small',
      'too_big',
      'invalid_format',
      'invalid_value',
      'not_multiple_of',
      'unrecognized_keys',
      'invalid_union',
      'invalid_key',
    ])
      expect(codes, code).toContain(code);
  });

  it('words every issue the contracts raise on bad input', async () => {
    const BAD: unknown[] = [undefined, null, '', 'x'.repeat(100_001), -1, 1.5, 2 ** 40, 'nope', [], {}, true];
    let seen = 0;
    const missing = new Set<string>();
    for (const f of readdirSync(CONTRACTS).filter((x) => x.endsWith('.ts'))) {
      const mod = (await import(join(CONTRACTS, f))) as Record<string, unknown>;
      for (const [name, schema] of Object.entries(mod)) {
        if (!(schema instanceof z.ZodType)) continue;
        const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
        const inputs: unknown[] = [...BAD];
        if (shape) for (const k of Object.keys(shape)) for (const v of BAD) inputs.push({ [k]: v });
        for (const input of inputs) {
          const r = schema.safeParse(input);
          if (r.success) continue;
          for (const issue of r.error.issues) {
            seen++;
            const en = issueText(issue as IssueLike);
            const vi = en ? translate(en)?.vi : undefined;
            if (!en || !vi || vi === en) missing.add(`${f} ${name}: ${issue.code} ${issue.message}`);
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(1000);
    expect([...missing]).toEqual([]);
  });

  it('translates every custom message written in the contracts', () => {
    const missing: string[] = [];
    for (const f of readdirSync(CONTRACTS).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(CONTRACTS, f), 'utf8');
      const found = [
        ...src.matchAll(
          /\.(?:min|max|length|nonempty|int|positive|nonnegative|gte|lte|gt|lt|regex|refine|email|url)\((?:[^()'`]|\([^()]*\))*?['`]([^'`]+)['`]\s*\)/g,
        ),
        ...src.matchAll(/message:\s*['`]([^'`]+)['`]/g),
      ].map((m) => m[1]!.replace(/\$\{[^}]+\}/g, 'date'));
      for (const en of found) if (!translate(en)) missing.push(`${f}: ${en}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('messages services write', () => {
  /** The English literals of `new AppError(code, '…')`, `forbidden('…')`, `notFound('…')` and `message: '…'` in the
   *  server's code (template values stand as 1). */
  function literals(): { file: string; en: string }[] {
    const out: { file: string; en: string }[] = [];
    const re = /(?:new AppError\(\s*'\w+',\s*|forbidden\(\s*|notFound\(\s*|busy\(\s*|message:\s*)(['`])((?:(?!\1)[^\\]|\\.)*?)\1/g;
    for (const file of walk(SERVER)) {
      if (file.includes('/portal/')) continue; // the portal's pages are written in both languages already
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(re)) {
        let en = m[2]!.replace(/\$\{(?:[^{}]|\{[^}]*\})*\}/g, '1').replace(/\\(.)/g, '$1');
        if (m[0].startsWith('notFound(')) en += ' not found';
        if (/[a-z]{3}/i.test(en)) out.push({ file: file.slice(SERVER.length + 1), en });
      }
    }
    return out;
  }

  it('are translated: the ones the journeys meet, and no new untranslated one (ratchet)', () => {
    const all = literals();
    const untranslated = all.filter((l) => !translate(l.en));
    // Forms, imports and refusals the journeys meet are all translated.
    for (const file of [
      'kernel/http.ts',
      'kernel/imports.ts',
      'modules/recommendations/recommendations.status.ts',
      'modules/cycle/cycle.reports.ts',
      'modules/library/library.excel.import.ts',
      'modules/directory/organisations.excel.ts',
    ])
      expect(
        untranslated.filter((l) => l.file === file).map((l) => l.en),
        file,
      ).toEqual([]);
    // The rest fall back to the code's own sentence in Vietnamese (never English); the count only goes down.
    expect(untranslated.length, untranslated.map((l) => `${l.file}: ${l.en}`).join('\n')).toBeLessThanOrEqual(UNTRANSLATED_AT_MOST);
    expect(all.length - untranslated.length).toBeGreaterThan(100);
  });
});

/** Service messages still without a phrase (they reach a Vietnamese reader as the code's sentence). Lower it when
 *  you add phrases; never raise it. */
const UNTRANSLATED_AT_MOST = 7;

describe('the error body', () => {
  it('is in the reader’s language, details included, with both texts beside', () => {
    const details = [
      { row: 3, field: 'organisation_code', message: 'no organisation has code X-9' },
      { row: 3, field: 'name_vi', message: 'required' },
      { row: 4, field: 'kind', message: 'must be one of: ministry, press' },
    ];
    const vi = localiseError('import_invalid', '3 problem(s) in 2 row(s); nothing was imported', undefined, details, 'vi');
    expect(vi.message).toBe('3 lỗi ở 2 dòng; chưa có dòng nào được nhập');
    expect(vi.text).toEqual({ vi: vi.message, en: '3 problem(s) in 2 row(s); nothing was imported' });
    expect(vi.details).toEqual([
      { row: 3, field: 'organisation_code', message: 'không có tổ chức nào mang mã X-9' },
      { row: 3, field: 'name_vi', message: 'bắt buộc nhập' },
      { row: 4, field: 'kind', message: 'phải là một trong các giá trị: ministry, press' },
    ]);
    const en = localiseError('import_invalid', '3 problem(s) in 2 row(s); nothing was imported', undefined, details, 'en');
    expect(en.message).toBe('3 problem(s) in 2 row(s); nothing was imported');
    expect(en.details).toEqual(details);
  });

  it('words refusals with their state: a report that cannot be submitted, a plan that cannot be changed', () => {
    expect(translate('Report 12 cannot be submitted: it is approved')?.vi).toBe(
      'Báo cáo số 12 không thể gửi: báo cáo đang ở trạng thái «đã duyệt»',
    );
    expect(translate('Version 2 of this plan cannot be changed: it is submitted and awaits the programme office')?.vi).toBe(
      'Phiên bản 2 của kế hoạch không thể sửa: kế hoạch đã gửi và đang chờ Văn phòng Đề án',
    );
    expect(translate('implemented: no action is done')?.vi).toBe('Chưa thể chuyển sang «đã thực hiện»: chưa có hành động nào hoàn thành');
    expect(translate('Period 2026-Q3 is not due yet: it starts on 2026-07-01')?.vi).toBe('Quý 3/2026 chưa đến hạn: bắt đầu từ 01/07/2026');
    expect(translate('A published item cannot be edited; publish a correction instead')?.vi).toBe(
      'Tin đã đăng không sửa được; hãy đăng đính chính',
    );
    expect(translate('The deadline 2025-01-31 is in the past')?.vi).toBe('Hạn 31/01/2025 đã qua');
    expect(translate("The deadline 2029-01-02 is after the plan's year 2028")?.vi).toBe('Hạn 02/01/2029 sau năm của kế hoạch (2028)');
    expect(translate('Only the programme office (admin) may close a period (your role: editor)')?.vi).toBe(
      'Chỉ Văn phòng Đề án (quản trị) được thực hiện thao tác này (vai trò của bạn: editor)',
    );
    expect(translate('Translation of: The scheduled time must be in the future')?.vi).toBe(
      'Bản dịch của: Thời điểm hẹn đăng phải ở tương lai',
    );
  });

  it('says a refused fetch in words, without the technical code', () => {
    expect(translate('blocked_address: 10.1.2.3 is not a public address')?.vi).toBe(
      'Không truy cập trang này: 10.1.2.3 không phải là địa chỉ công khai trên Internet',
    );
    expect(translate('timeout: no answer in 10 s')?.vi).toBe('Không lấy được trang: trang không phản hồi kịp');
  });

  it('never shows English to a Vietnamese reader: an unknown message becomes the code’s sentence', () => {
    const vi = localiseError('forbidden', 'Some message nobody translated', undefined, [{ field: 'x', message: 'odd words' }], 'vi');
    expect(vi).toMatchObject({
      message: CODE_TEXT.forbidden.vi,
      generic: true,
      details: [{ field: 'x', message: 'Giá trị không hợp lệ.' }],
    });
  });

  it('prints on the command line in Vietnamese first, then English, a line per problem', () => {
    const text = cliErrorText('validation_failed', 'username: required', undefined, [{ field: 'username', message: 'required' }]);
    expect(text.split('\n')).toEqual(['Lỗi: username: bắt buộc nhập', 'Error: username: required', '  username: bắt buộc nhập / required']);
  });

  it('takes the language from Accept-Language (English when it names neither)', () => {
    expect(langOf('vi')).toBe('vi');
    expect(langOf('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(langOf('en-GB,en;q=0.9,vi;q=0.5')).toBe('en');
    expect(langOf('fr-FR,fr;q=0.9,vi;q=0.8')).toBe('vi');
    expect(langOf(undefined)).toBe('en');
    expect(langOf('de')).toBe('en');
  });
});

describe('what a focal point meets in the modules', () => {
  it('says periods, maps, languages and states in words, with the value and the rule', () => {
    expect(translate('Period 2026-Q4 is not closed: it has no official figures yet')?.vi).toBe(
      'Quý 4/2026 chưa khoá sổ: chưa có số liệu chính thức',
    );
    expect(translate('unknown province code 99 on the 34-unit map (from 2025-07-01)')?.vi).toBe(
      'không có tỉnh, thành phố mang mã 99 trên bản đồ 34 tỉnh, thành phố (từ 01/07/2025)',
    );
    expect(translate('a second text in eng; one text per language')?.vi).toBe(
      'đã có một nội dung bằng tiếng Anh; mỗi ngôn ngữ chỉ một nội dung',
    );
    expect(translate('the end (2026-03-01) is before the start (2026-04-01)')?.vi).toBe(
      'ngày kết thúc (01/03/2026) trước ngày bắt đầu (01/04/2026)',
    );
    expect(translate('Only a reviewer or an admin may publish a fact-check (your role: editor)')?.vi).toBe(
      'Chỉ người duyệt hoặc quản trị viên được công bố kết luận kiểm chứng (vai trò của bạn: biên tập viên)',
    );
    expect(translate('A published product cannot be published')?.vi).toBe('Sản phẩm «đã công bố» không thể công bố');
    expect(translate('Indicator T2a has no data source yet')?.vi).toBe('Chỉ tiêu T2a chưa có nguồn số liệu');
  });
});
