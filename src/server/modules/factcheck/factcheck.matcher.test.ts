import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_SETS, evalDir, evaluate, loadEvalSet } from './factcheck.eval.js';
import { parseIdText } from './factcheck.files.js';
import {
  addClaim,
  AUTO_LINK_MIN_WORDS,
  AUTO_LINK_THRESHOLD,
  buildClaimIndex,
  linkDecision,
  match,
  matchPassages,
  passages,
  PASSAGE_CHARS,
  removeClaim,
  SUGGEST_THRESHOLD,
} from './factcheck.matcher.js';
import { normaliseText } from './factcheck.normalise.js';

const claims = [
  { id: 'schools', text: 'Tỉnh Hòa Lam cấm trẻ em dân tộc thiểu số học tiếng mẹ đẻ ở trường' },
  { id: 'press', text: 'Công an tỉnh Tân Khê bắt giữ 12 nhà báo vì đưa tin về lũ lụt' },
  { id: 'church', text: 'Chính quyền Ngọc Lĩnh đóng cửa toàn bộ nhà thờ trong tỉnh' },
  { id: 'fees', text: 'Schools in Bich Son make pupils pay into a fund every month' },
  { id: 'pension', text: 'Elderly people in Phu Dai have not received their pensions for 6 months' },
  { id: 'press-2', text: 'Công an tỉnh Bích Sơn bắt giữ 3 nhà báo vì đưa tin về lũ lụt' },
];
const index = buildClaimIndex(claims);
const top = (text: string) => match(index, text, 3)[0]?.claimId;

describe('claim matcher', () => {
  it('finds a claim inside a long post passage by passage, where the post as a whole scores too low', () => {
    const filler = 'Giá rau xanh ở chợ đầu mối tăng gấp đôi sau đợt mưa lớn kéo dài nhiều ngày. ';
    const post = `${filler.repeat(5)}Chính quyền Ngọc Lĩnh đóng cửa toàn bộ nhà thờ trong tỉnh. ${filler.repeat(6)}`.trim();
    expect(match(index, post, 3)[0]?.score ?? 0).toBeLessThan(SUGGEST_THRESHOLD);
    const [best] = matchPassages(index, post, 3);
    expect(best).toMatchObject({ claimId: 'church', rank: 1, passage: true }); // suggested, never linked automatically
    expect(best!.score).toBeGreaterThanOrEqual(AUTO_LINK_THRESHOLD);
    // passages keep every word, none longer than PASSAGE_CHARS, even a sentence without stops
    const words = `${'từ '.repeat(400)}cuối`;
    const ps = passages(words);
    expect(ps.length).toBeGreaterThan(3);
    expect(ps.every((p) => p.length <= PASSAGE_CHARS)).toBe(true);
    expect(ps.join(' ')).toBe(words);
    // a short text is matched as it is
    expect(matchPassages(index, 'chinh quyen ngoc linh dong cua het nha tho', 3)).toEqual(
      match(index, 'chinh quyen ngoc linh dong cua het nha tho', 3),
    );
  });

  it('matches Vietnamese typed without diacritics', () => {
    expect(top('cong an tan khe bat giu 12 nha bao vi dua tin ve lu lut')).toBe('press');
    expect(top('chinh quyen ngoc linh dong cua het nha tho')).toBe('church');
  });

  it('matches informal spelling (teencode)', () => {
    expect(normaliseText('ko dc j vs ng ntn').folded).toEqual(['khong', 'duoc', 'gi', 'voi', 'nguoi', 'nhu', 'the', 'nao']);
    expect(normaliseText('ppl r angry bc govt cant help').folded).toEqual([
      'people',
      'are',
      'angry',
      'because',
      'government',
      'cannot',
      'help',
    ]);
    expect(top('mn ơi, ở hòa lam trẻ em dân tộc ko đc học tiếng mẹ đẻ ở trường ntn vậy???')).toBe('schools');
    expect(top('nghe ns cq bich son bat 3 nha bao vs ly do dua tin lu lut, that hok the tin dc')).toBe('press-2');
  });

  it('matches English, informal English and paraphrases, and across languages', () => {
    expect(top('omg old ppl in phu dai havent been paid their pension for 6 months smh')).toBe('pension');
    expect(top('Pupils in Bich Son are required to contribute to a school fund monthly')).toBe('fees');
    expect(top('Police in Tan Khe detained 12 reporters over their flood coverage')).toBe('press');
    expect(top('Người cao tuổi ở Phú Đài không nhận được lương hưu 6 tháng nay')).toBe('pension');
  });

  it('tells two versions of a claim apart by the place named', () => {
    expect(top('12 phóng viên bị công an Tân Khê bắt vì viết bài về lũ')).toBe('press');
    expect(top('3 phóng viên bị công an Bích Sơn bắt vì viết bài về lũ')).toBe('press-2');
  });

  it('returns ranks from 1 and scores in [0, 1], best first, at most K', () => {
    const m = match(index, 'công an tỉnh bắt nhà báo', 3);
    expect(m.map((x) => x.rank)).toEqual([1, 2, 3]);
    expect(m.every((x, i) => x.score >= 0 && x.score <= 1 && (i === 0 || x.score <= m[i - 1].score))).toBe(true);
    expect(match(index, 'xyz qwv', 5)).toEqual([]);
  });

  it('links automatically only above the strict threshold and for items of 8+ words', () => {
    expect(SUGGEST_THRESHOLD).toBeLessThan(AUTO_LINK_THRESHOLD);
    expect(linkDecision(0.9, AUTO_LINK_MIN_WORDS)).toBe('auto');
    expect(linkDecision(0.9, AUTO_LINK_MIN_WORDS - 1)).toBe('suggest');
    expect(linkDecision((SUGGEST_THRESHOLD + AUTO_LINK_THRESHOLD) / 2, 20)).toBe('suggest');
    expect(linkDecision(SUGGEST_THRESHOLD / 2, 20)).toBe('none');
    const exact = match(index, 'Công an tỉnh Tân Khê bắt giữ 12 nhà báo vì đưa tin về lũ lụt', 1)[0];
    expect(linkDecision(exact.score, 14)).toBe('auto');
  });
});

describe('incremental index', () => {
  it('gives the same ranking and scores as a fresh build after claims are added, changed and removed', () => {
    const set = loadEvalSet();
    const all = set.claims;
    const grown = buildClaimIndex(all.slice(0, 100));
    for (const c of all.slice(100)) addClaim(grown, c);
    // change 20 claims' wording (another claim's text), withdraw 30, bring 5 of those back
    const changed = new Map(all.slice(0, 20).map((c, i) => [c.id, { id: c.id, text: all[all.length - 1 - i].text + ' ' + c.text }]));
    for (const c of changed.values()) addClaim(grown, c);
    const removed = all.slice(40, 70).map((c) => c.id);
    for (const id of removed) removeClaim(grown, id);
    for (const c of all.slice(40, 45)) addClaim(grown, c);
    const gone = new Set(removed.slice(5));
    const fresh = buildClaimIndex(all.filter((c) => !gone.has(c.id)).map((c) => changed.get(c.id) ?? c));
    let compared = 0;
    for (const item of set.items.slice(0, 300)) {
      expect(match(grown, item.text, 5)).toEqual(match(fresh, item.text, 5));
      compared++;
    }
    expect(compared).toBe(300);
    expect(match(grown, all[50].text, 5).map((m) => m.claimId)).not.toContain(all[50].id);
    expect(match(grown, all[42].text, 1)[0].claimId).toBe(all[42].id);
  });
});

describe('real evaluation sets (data/eval/*)', () => {
  it('each has claims, items with and without a relevant claim, and dev and test splits', () => {
    for (const name of EVAL_SETS.filter((n) => n !== 'claims')) {
      const s = loadEvalSet(evalDir(name));
      expect(s.claims.length, name).toBeGreaterThan(300);
      expect(
        s.items.some((i) => !s.qrels.has(i.id)),
        name,
      ).toBe(true);
      expect(new Set(s.items.map((i) => i.split)), name).toEqual(new Set(['dev', 'test']));
    }
  });

  it('ranks better than plain BM25 over words on the real test splits, and auto-links only right claims on ViFN', () => {
    for (const name of EVAL_SETS.filter((n) => n !== 'claims')) {
      const f = evaluate(loadEvalSet(evalDir(name)), 'test');
      expect(f.thresholds.autoLinks, name).toBeGreaterThan(0);
      expect(f.map5, name).toBeGreaterThan(f.baselines.bm25Words.map5);
      if (name === 'vifn-v3') expect(f.thresholds.autoLinkPrecision, name).toBeGreaterThanOrEqual(0.99);
    }
  });
});

describe('evaluation set (data/eval/claims)', () => {
  const set = loadEvalSet();
  it('is big enough, bilingual and has relevance judgements for the held-out test split', () => {
    expect(set.claims.length).toBeGreaterThanOrEqual(300);
    expect(set.items.length).toBeGreaterThanOrEqual(600);
    const variants = new Set(set.items.map((i) => i.variant));
    for (const v of ['paraphrase', 'no-diacritics', 'teencode', 'informal-en', 'cross-lingual', 'distractor', 'hard-negative'])
      expect(variants).toContain(v);
  });

  it('reaches MAP@5 ≥ 0.90 and recall@5 ≥ 0.95 on the test split (tuned on dev only)', () => {
    const f = evaluate(set, 'test');
    expect(f.withClaim).toBeGreaterThan(300);
    expect(f.map5).toBeGreaterThanOrEqual(0.9);
    expect(f.recall5).toBeGreaterThanOrEqual(0.95);
    expect(f.byVariant['no-diacritics'].map5).toBeGreaterThanOrEqual(0.9);
    expect(f.byVariant.teencode.map5).toBeGreaterThanOrEqual(0.85);
    expect(f.byVariant['informal-en'].map5).toBeGreaterThanOrEqual(0.9);
    expect(f.thresholds.noClaimAuto).toBe(0);
  });
});

describe('claims files and the command', () => {
  it('reads CSV with quoted fields (commas, quotes, line breaks) and TSV, by header', () => {
    expect(parseIdText('text,id,note\n"Cấm, ""thật"" sao\ndòng hai",c1,x\n', 'a.csv')).toEqual([
      { id: 'c1', text: 'Cấm, "thật" sao\ndòng hai' },
    ]);
    expect(parseIdText('id,title,text\nc1,Tiêu đề,một\nc2,,hai\n', 'claims.csv')).toEqual([
      { id: 'c1', title: 'Tiêu đề', text: 'một' },
      { id: 'c2', text: 'hai' },
    ]);
    expect(parseIdText('\uFEFFID\tText\nc1\tmột\nc2\thai\n', 'a.tsv')).toEqual([
      { id: 'c1', text: 'một' },
      { id: 'c2', text: 'hai' },
    ]);
  });

  it('names the file, row and column of every problem', () => {
    const problems = (content: string) => {
      try {
        parseIdText(content, 'items.csv');
      } catch (e) {
        return (e as { details: { row?: number; field: string; message: string }[] }).details;
      }
      throw new Error('no error');
    };
    expect(problems('name,body\na,b\n')[0]).toMatchObject({ row: 1, field: 'id and text' });
    const d = problems('id,text\n,empty id\nx,\nx,dup\ny,"never closed\n');
    expect(d.map((p) => [p.row, p.field])).toEqual(
      expect.arrayContaining([
        [2, 'id'],
        [3, 'text'],
        [4, 'id'],
      ]),
    );
    expect(d.some((p) => /never closed/.test(p.message))).toBe(true);
    expect(d.every((p) => p.message.startsWith('items.csv, row'))).toBe(true);
  });

  it('rightshub claims match writes item_id,claim_id,rank,score without touching a database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-claims-'));
    fs.writeFileSync(path.join(dir, 'claims.csv'), 'id,text\n' + claims.map((c) => `${c.id},"${c.text}"`).join('\n'));
    fs.writeFileSync(
      path.join(dir, 'items.tsv'),
      'id\ttext\ni1\tcong an tan khe bat 12 nha bao\ni2\told ppl in phu dai not paid pensions 6 months\n',
    );
    const bin = path.resolve(__dirname, '../../../../bin/rightshub');
    const out = execFileSync(bin, ['claims', 'match', '--claims', 'claims.csv', '--items', 'items.tsv', '--top', '2'], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        DATA_DIR: path.join(dir, 'no-db'),
        RIGHTSHUB_INVOKED_FROM: '',
      },
    });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('item_id,claim_id,rank,score');
    expect(lines[1]).toMatch(/^i1,press,1,0\.\d{4}$/);
    expect(lines.find((l) => l.startsWith('i2,') && l.includes(',1,'))).toMatch(/^i2,pension,1,/);
    expect(lines).toHaveLength(5);
    expect(fs.existsSync(path.join(dir, 'no-db'))).toBe(false);
  }, 60_000);
});
