// The office's on-topic rules (fc_topic_rules) applied to a text: pure, so the office can read exactly what decides,
// and every decision carries its "why" (the terms found, where, and the rule of the list below that decided).
//
// Matching: a rule's phrase matches whole words in order ("nhân quyền" never inside "doanh nhân quyền lực" once that
// is a mask, never "nhân" inside "nhânvăn"); case never matters. A rule marked `accents` (folding changes its
// meaning: "nhân quyền" vs "nhận quyền", "quyền" vs "quyến") is compared with its diacritics in a text typed with
// diacritics; in a text typed without them (most words bare) every rule is compared folded, since the writer could
// not show the accents. Other rules are always compared folded.
//
// Kinds and the decision, first that applies:
//   mask     a phrase in which a rule's words mean something else ("doanh nhân quyền lực", "chứng nhận quyền sử dụng
//            đất"): a match lying inside a mask's match does not count (listed in the why as masked);
//   (no text)                                   → unsure  (a person looks at a bare link or an image);
//   subject  a human-rights term (gives its topic);
//   event    an act that is a rights matter only when done to a rights holder or with a subject term ("bắt giữ",
//            "tạm giam", "khởi tố", "arrested"): crime news alone is not on topic;
//   holder   a person or group whose treatment is the rights matter ("nhà báo", "nhà hoạt động", "blogger");
//   exclude  crime or off-topic context ("ma túy", "lừa đảo", "xổ số");
//   place    names Viet Nam: only decides for a subject in a text that is not Vietnamese.
//   subject (+ Vietnamese text or a place), or event + holder  → yes, unless an exclude phrase → unsure;
//   subject in a non-Vietnamese text naming no Vietnamese place → unsure;
//   anything else (event alone, holder alone, place alone, exclude alone, nothing) → no. A place name alone is never
//   a reason to be unsure.
import type * as C from '../../../shared/contracts/factcheck.js';
import { fold } from '../../kernel/text.js';

export type TopicRule = C.TopicRule;
export type TopicWhy = C.TopicWhy;
export type TopicVerdict = C.TopicVerdict;

type Token = { exact: string; folded: string };

/** Words of a text (letters and digits; lower case), each with its folded form. */
export function topicTokens(text: string): Token[] {
  return (
    text
      .normalize('NFC')
      .toLocaleLowerCase('vi')
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  ).map((w) => ({ exact: w, folded: fold(w) }));
}

/** Typed with diacritics: at least a fifth of the words with letters carry them (as the claim normaliser decides). */
export function typedWithDiacritics(tokens: Token[]): boolean {
  const letters = tokens.filter((t) => /\p{L}/u.test(t.exact));
  return letters.length > 0 && letters.filter((t) => t.exact !== t.folded).length / letters.length >= 0.2;
}

/** Vietnamese when it has Vietnamese letters or common Vietnamese function words typed without them. */
const VI_LETTERS = /[ăâđêôơưạảãàáằắẳẵặầấẩẫậẹẻẽèéềếểễệịỉĩìíọỏõòóồốổỗộờớởỡợụủũùúừứửữựỳýỷỹỵ]/u;
const VI_WORDS = new Set([
  'khong',
  'cua',
  'va',
  'cac',
  'nhung',
  'mot',
  'duoc',
  'nguoi',
  'trong',
  'cho',
  'voi',
  'la',
  'bi',
  'da',
  'ko',
  'dc',
]);
const EN_WORDS = new Set(['the', 'of', 'and', 'is', 'are', 'was', 'in', 'to', 'for', 'with', 'that', 'on', 'by']);
export function looksVietnamese(tokens: Token[]): boolean {
  if (tokens.some((t) => VI_LETTERS.test(t.exact))) return true;
  const vi = tokens.filter((t) => VI_WORDS.has(t.folded)).length;
  const en = tokens.filter((t) => EN_WORDS.has(t.folded)).length;
  return vi > en;
}

type Hit = { rule: TopicRule; start: number; end: number; found: string };

/** Every place a rule's phrase occurs in the tokens (whole words, in order). */
function find(rule: TopicRule, tokens: Token[], accented: boolean): Hit[] {
  const words = topicTokens(rule.phrase);
  if (!words.length) return [];
  const exact = accented && rule.accents;
  const want = words.map((w) => (exact ? w.exact : w.folded));
  const out: Hit[] = [];
  for (let i = 0; i + want.length <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < want.length && ok; k++) ok = (exact ? tokens[i + k]!.exact : tokens[i + k]!.folded) === want[k];
    if (ok)
      out.push({
        rule,
        start: i,
        end: i + want.length,
        found: tokens
          .slice(i, i + want.length)
          .map((t) => t.exact)
          .join(' '),
      });
  }
  return out;
}

/** The rules' verdict on a text, with its why. */
export function judgeTopic(rules: TopicRule[], text: string): TopicVerdict {
  const tokens = topicTokens(text);
  if (!tokens.length) return verdict('unsure', 'no_text', [], [], []);
  const accented = typedWithDiacritics(tokens);
  const all = rules.flatMap((r) => find(r, tokens, accented));
  const masks = all.filter((h) => h.rule.kind === 'mask');
  const inside = (h: Hit) => masks.some((m) => m !== h && m.start <= h.start && h.end <= m.end && m.end - m.start > h.end - h.start);
  const masked = all.filter((h) => h.rule.kind !== 'mask' && inside(h));
  const hits = all.filter((h) => h.rule.kind !== 'mask' && !inside(h));
  const of = (k: C.TopicRuleKind) => hits.filter((h) => h.rule.kind === k);
  const subject = of('subject'),
    event = of('event'),
    holder = of('holder'),
    exclude = of('exclude'),
    place = of('place');
  const vietnamese = looksVietnamese(tokens);
  const decided = ((): [C.OnTopicValue, C.TopicReason] => {
    if (subject.length)
      return exclude.length ? ['unsure', 'excluded'] : vietnamese || place.length ? ['yes', 'subject'] : ['unsure', 'subject_abroad'];
    if (event.length && holder.length) return exclude.length ? ['unsure', 'excluded'] : ['yes', 'event_holder'];
    if (event.length) return ['no', 'event_only'];
    if (holder.length) return ['no', 'holder_only'];
    if (place.length) return ['no', 'place_only'];
    return ['no', exclude.length ? 'excluded' : 'none'];
  })();
  const [onTopic, reason] = decided;
  // The topics of the terms that decided (none when off topic).
  const topics =
    onTopic === 'no' ? [] : [...new Set([...subject, ...event, ...holder].map((h) => h.rule.topic).filter((t): t is string => !!t))].sort();
  return verdict(onTopic, reason, topics, hits, masked);
}

function verdict(onTopic: C.OnTopicValue, reason: C.TopicReason, topics: string[], hits: Hit[], masked: Hit[]): TopicVerdict {
  const term = (h: Hit, isMasked: boolean): C.TopicWhyTerm => ({
    ruleId: h.rule.id,
    kind: h.rule.kind,
    phrase: h.rule.phrase,
    found: h.found,
    ...(h.rule.accents ? { accents: true } : {}),
    ...(isMasked ? { masked: true } : {}),
  });
  const seen = new Set<string>();
  const terms = [...hits.map((h) => term(h, false)), ...masked.map((h) => term(h, true))].filter((t) => {
    const k = `${t.ruleId}|${t.found}|${t.masked ?? false}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return {
    onTopic,
    topics,
    ruleIds: [...new Set(hits.map((h) => h.rule.id))].sort((a, b) => a - b),
    why: { reason, terms },
  };
}
