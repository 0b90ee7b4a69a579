// Contracts of the fact-checking module (targets T5b, T5c): claims and their fact-checks (state machine, rating,
// rationale, evidence, corrections), monitored items (never their authors), on-topic rules, item ↔ claim links.
import { z } from 'zod';

export const FC_STATES = ['new', 'researching', 'drafted', 'approved', 'published', 'corrected', 'withdrawn'] as const;
export const FcState = z.enum(FC_STATES);
export type FcState = z.infer<typeof FcState>;

export const RATING_CODES = ['false', 'partly_false', 'missing_context', 'true', 'unverifiable'] as const;
export const RatingCode = z.enum(RATING_CODES);
export type RatingCode = z.infer<typeof RatingCode>;

export const FcLanguage = z.enum(['vi', 'en']);
export const PLATFORMS = ['facebook', 'youtube', 'tiktok', 'x', 'telegram', 'web', 'news', 'other'] as const;
export const Platform = z.enum(PLATFORMS);
const Topic = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9_]+$/, 'a topic code: lower-case letters, digits and _');
/** An absolute http(s) address without spaces (what every URL field of the desk accepts). */
export const isHttpUrl = (u: string) => {
  try {
    return /^https?:$/.test(new URL(u).protocol) && /^https?:\/\/[^\s]+$/i.test(u);
  } catch {
    return false;
  }
};
const HttpUrl = z.string().trim().max(2000).refine(isHttpUrl, 'an http(s) address');
/** An ISO 8601 date or date-time (kept as text in the contract, so it reads the same in JSON Schema). */
const IsoTime = z
  .string()
  .trim()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'an ISO 8601 date or date-time');
const Rationale = z.string().trim().max(20_000).nullable().optional();

export const Rating = z.object({
  code: RatingCode,
  position: z.number().int(),
  labelVi: z.string(),
  labelEn: z.string(),
  alternateName: z.string(),
  ratingValue: z.number().int().nullable(),
  countsAsFalse: z.boolean(),
});
export type Rating = z.infer<typeof Rating>;

export const ClaimInput = z.object({
  text: z.string().trim().min(3).max(5000),
  /** Detected from the text when not given. */
  language: FcLanguage.optional(),
  topics: z.array(Topic).max(20).default([]),
});
export type ClaimInput = z.input<typeof ClaimInput>;

/** The draft's content, editable while new or researching. */
export const DraftInput = z.object({
  text: z.string().trim().min(3).max(5000).optional(),
  topics: z.array(Topic).max(20).optional(),
  ratingCode: RatingCode.nullable().optional(),
  rationaleVi: Rationale,
  rationaleEn: Rationale,
});

export const EvidenceInput = z.object({
  url: HttpUrl,
  title: z.string().trim().min(1).max(500),
  snapshot: z.string().trim().min(1, 'the text relied on').max(200_000),
  fetchedAt: IsoTime,
});
export const Evidence = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  snapshot: z.string(),
  fetchedAt: z.string(),
  addedBy: z.number().int().nullable(),
});

export const Correction = z.object({
  version: z.number().int(),
  previousRatingCode: z.string(),
  previousRationaleVi: z.string().nullable(),
  previousRationaleEn: z.string().nullable(),
  ratingCode: z.string(),
  rationaleVi: z.string().nullable(),
  rationaleEn: z.string().nullable(),
  note: z.string(),
  correctedBy: z.number().int().nullable(),
  correctedAt: z.string(),
});

/** A correction of a published fact-check, proposed (or amended: fields left out keep the proposal's) by anyone who
 *  writes fact-checks; a reviewer who wrote none of it approves it (the move to `corrected`). */
export const CorrectionProposalInput = z.object({
  note: z.string().trim().min(3).max(2000).optional(),
  ratingCode: RatingCode.optional(),
  rationaleVi: Rationale,
  rationaleEn: Rationale,
});
export type CorrectionProposalInput = z.input<typeof CorrectionProposalInput>;
export const CorrectionProposal = z.object({
  /** The version it will create. */
  version: z.number().int(),
  ratingCode: z.string(),
  rationaleVi: z.string().nullable(),
  rationaleEn: z.string().nullable(),
  note: z.string(),
  proposedAt: z.string(),
  updatedAt: z.string(),
});
/** Someone who wrote part of a version's content (version 1: the draft; n > 1: a correction); none of them approves it. */
export const Contribution = z.object({
  version: z.number().int(),
  userId: z.number().int(),
  name: z.string().nullable(),
  parts: z.array(z.string()),
});

/** A move of the state machine; `withdrawn` carries a reason. `corrected` approves the pending correction (proposed
 *  through POST …/correction): its rating, rationale and note are not given here. */
export const TransitionInput = z.object({
  to: FcState,
  reason: z.string().trim().min(3).max(2000).optional(),
  note: z.string().trim().min(3).max(2000).optional(),
  ratingCode: RatingCode.optional(),
  rationaleVi: Rationale,
  rationaleEn: Rationale,
});
export type TransitionInput = z.input<typeof TransitionInput>;

export const Claim = z.object({
  id: z.number().int(),
  text: z.string(),
  language: z.string(),
  topics: z.array(z.string()),
  status: FcState,
  ratingCode: z.string().nullable(),
  rationaleVi: z.string().nullable(),
  rationaleEn: z.string().nullable(),
  draftedBy: z.number().int().nullable(),
  draftedAt: z.string().nullable(),
  approvedBy: z.number().int().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  withdrawnAt: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  evidence: z.array(Evidence),
  corrections: z.array(Correction),
  /** Display names of the staff who drafted and approved it (RightsHub users, never authors of items). */
  draftedByName: z.string().nullable(),
  approvedByName: z.string().nullable(),
  /** Who wrote each version's content (the two-person rule: none of them approves that version). */
  contributors: z.array(Contribution),
  /** The correction waiting for a reviewer who did not write it. */
  pendingCorrection: CorrectionProposal.nullable(),
  /** The states this claim may move to next (whether this user may make the move is checked on the move). */
  next: z.array(FcState),
});
export type Claim = z.infer<typeof Claim>;
export const ClaimSummary = Claim.omit({
  evidence: true,
  corrections: true,
  next: true,
  draftedByName: true,
  approvedByName: true,
  contributors: true,
  pendingCorrection: true,
});
export const ClaimListQuery = z.object({
  status: FcState.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
/** `searched`: how the search box was read (absent without `q`); `unsearchable`: `q` had no word to search (an emoji,
 *  punctuation): nothing is returned. `totalCapped`: more matches than counted, `total` is a lower bound. */
export const SearchEcho = z.object({ unsearchable: z.boolean(), terms: z.array(z.string()) });
export const ClaimList = z.object({ total: z.number().int(), search: SearchEcho.optional(), rows: z.array(ClaimSummary) });

// ---------------------------------------------------------------- monitored items

/** The longest item stored (whole): real posts of 21,233 and 28,453 characters exist; an Excel cell holds 32,767. */
export const ITEM_TEXT_MAX = 100_000;
/** Items are matched against claims and grouped as duplicates on their first ITEM_MATCH_CHARS characters (cut at a
 *  word boundary, itemMatchText): one bound for the matcher, the duplicate grouping and the bench, so a very long post
 *  costs no more than a long one. A rumour leads its post; the matcher's score falls as the item grows (a one-sentence
 *  claim scores 0.87 alone, 0.31 in 500 characters, 0.17 in 5,000 — under the suggestion threshold), so the window is
 *  about a long paragraph. */
export const ITEM_MATCH_CHARS = 1000;
/** The part of an item's text that is matched and grouped: the whole text up to ITEM_MATCH_CHARS, else its first
 *  ITEM_MATCH_CHARS characters cut back to the last space (a word is never split). */
export function itemMatchText(text: string): string {
  if (text.length <= ITEM_MATCH_CHARS) return text;
  const head = text.slice(0, ITEM_MATCH_CHARS);
  const cut = head.search(/\s\S*$/);
  return cut > ITEM_MATCH_CHARS / 2 ? head.slice(0, cut) : head;
}

/** A monitored item: its text and/or URL, platform and time — never who wrote it. */
export const ItemInput = z
  .object({
    text: z.string().trim().max(ITEM_TEXT_MAX).optional().default(''),
    url: HttpUrl.nullable().optional(),
    platform: Platform.default('other'),
    publishedAt: IsoTime.nullable().optional(),
  })
  .refine((i) => i.text !== '' || !!i.url, { message: 'give the text, the URL or both', path: ['text'] });
export type ItemInput = z.input<typeof ItemInput>;

export const LinkStatus = z.enum(['suggested', 'auto', 'confirmed', 'undone']);
export const Link = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  claimId: z.number().int(),
  status: LinkStatus,
  score: z.number().nullable(),
  decidedBy: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Link = z.infer<typeof Link>;

// ---------------------------------------------------------------- handling (T5c)

export const HANDLING_ACTIONS = [
  'fact_check_published',
  'agency_clarification',
  'correction_requested',
  'platform_report',
  'no_action',
] as const;
export const HandlingActionInput = z
  .object({
    action: z.enum(HANDLING_ACTIONS),
    actedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
    /** Why no action is needed (required for no_action), or a note. */
    reason: z.string().trim().min(3).max(2000).nullable().optional(),
  })
  .refine((a) => a.action !== 'no_action' || !!a.reason, { message: 'say why no action is needed', path: ['reason'] });
export const HandlingAction = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  action: z.enum(HANDLING_ACTIONS),
  actedOn: z.string(),
  reason: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
});
export type HandlingAction = z.infer<typeof HandlingAction>;

/** subject: a human-rights term (gives its topic); event: an act that is a rights matter only with a holder or a
 *  subject term (arrests: crime news alone is not on topic); holder: a person or group whose treatment is the matter;
 *  exclude: crime or off-topic context; place: names Viet Nam; mask: words in which a rule's words mean something else. */
export const TOPIC_RULE_KINDS = ['subject', 'event', 'holder', 'exclude', 'place', 'mask'] as const;
export type TopicRuleKind = (typeof TOPIC_RULE_KINDS)[number];
/** Which rule of the decision list decided (factcheck.topic.ts). */
export const TOPIC_REASONS = [
  'no_text',
  'subject',
  'event_holder',
  'subject_abroad',
  'excluded',
  'event_only',
  'holder_only',
  'place_only',
  'none',
] as const;
export const TopicReason = z.enum(TOPIC_REASONS);
export type TopicReason = z.infer<typeof TopicReason>;
export const TopicWhyTerm = z.object({
  ruleId: z.number().int(),
  kind: z.enum(TOPIC_RULE_KINDS),
  phrase: z.string(),
  /** The words as they stand in the text. */
  found: z.string(),
  accents: z.boolean().optional(),
  /** Inside a mask phrase: did not count. */
  masked: z.boolean().optional(),
});
export type TopicWhyTerm = z.infer<typeof TopicWhyTerm>;
export const TopicWhy = z.object({ reason: TopicReason, terms: z.array(TopicWhyTerm) });
export type TopicWhy = z.infer<typeof TopicWhy>;
export const OnTopic = z.enum(['yes', 'no', 'unsure']);
export const Item = z.object({
  id: z.number().int(),
  text: z.string(),
  url: z.string().nullable(),
  platform: z.string(),
  publishedAt: z.string().nullable(),
  receivedAt: z.string(),
  source: z.string(),
  language: z.string(),
  words: z.number().int(),
  topics: z.array(z.string()),
  onTopic: OnTopic,
  onTopicBy: z.enum(['rules', 'person']),
  onTopicRuleIds: z.array(z.number().int()),
  onTopicDecidedBy: z.number().int().nullable(),
  /** Why the rules decided (null when a person decided, or before the rules kept their why). */
  onTopicWhy: TopicWhy.nullable(),
  groupId: z.number().int(),
  groupSize: z.number().int(),
  links: z.array(Link),
  actions: z.array(HandlingAction),
});
export type Item = z.infer<typeof Item>;
export const ItemListQuery = z.object({
  onTopic: OnTopic.optional(),
  groupId: z.coerce.number().int().optional(),
  linkStatus: LinkStatus.optional(),
  platform: Platform.optional(),
  source: z.enum(['staff', 'file', 'feed', 'form']).optional(),
  /** Search (factcheck.search.ts): words, "phrases", -exclusions, diacritics ignored, accent-exact first. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ItemList = z.object({
  total: z.number().int(),
  totalCapped: z.boolean().optional(),
  search: SearchEcho.optional(),
  rows: z.array(Item),
});
/** How a file of items is taken in: `all` (all or nothing: any bad row refuses the file, 422 listing every problem)
 *  or `valid` (the valid rows are written, the rejected ones come back as a file in the upload's format). */
export const IMPORT_MODES = ['all', 'valid'] as const;
export const ImportQuery = z.object({ mode: z.enum(IMPORT_MODES).default('all') });
/** One problem of a row: the field and what is wrong, in Vietnamese and English. */
export const RowProblem = z.object({ row: z.number().int(), field: z.string(), vi: z.string(), en: z.string() });
export type RowProblem = z.infer<typeof RowProblem>;
export const ImportResult = z.object({
  created: z.number().int(),
  groups: z.number().int(),
  suggested: z.number().int(),
  autoLinked: z.number().int(),
  unsure: z.number().int(),
  /** mode=valid: rows not written (0 in all-or-nothing). */
  rejected: z.number().int().optional(),
  /** mode=valid: every problem of the rejected rows. */
  problems: z.array(RowProblem).optional(),
  /** mode=valid, some rows rejected: the rejected rows as they came, in the upload's format, with an `error` column
   *  (field: problem, Vietnamese / English), base64. */
  rejectedFile: z.object({ name: z.string(), mediaType: z.string(), base64: z.string() }).nullable().optional(),
});

export const TopicDecision = z.object({ onTopic: z.boolean(), topics: z.array(Topic).max(20).optional() });
export const ManualLinkInput = z.object({ claimId: z.number().int().positive() });

// ---------------------------------------------------------------- on-topic rules

export const TopicRuleInput = z
  .object({
    kind: z.enum(TOPIC_RULE_KINDS),
    phrase: z.string().trim().min(2).max(200),
    language: FcLanguage,
    topic: Topic.nullable().optional(),
    /** Compared with its diacritics in text typed with them (folding changes its meaning: nhân quyền / nhận quyền). */
    accents: z.boolean().default(false),
  })
  .refine((r) => r.kind !== 'subject' || !!r.topic, { message: 'a subject rule names its topic', path: ['topic'] });
export const TopicRule = z.object({
  id: z.number().int(),
  kind: z.enum(TOPIC_RULE_KINDS),
  phrase: z.string(),
  language: z.string(),
  topic: z.string().nullable(),
  accents: z.boolean(),
});
export type TopicRule = z.infer<typeof TopicRule>;
/** "Test a text" against the rules: the same verdict an incoming item would get. */
export const TopicTestInput = z.object({ text: z.string().max(20_000) });
export type OnTopicValue = z.infer<typeof OnTopic>;
export const TopicVerdict = z.object({ onTopic: OnTopic, topics: z.array(z.string()), ruleIds: z.array(z.number().int()), why: TopicWhy });
export type TopicVerdict = z.infer<typeof TopicVerdict>;
export type ImportResult = z.infer<typeof ImportResult>;
export type ItemList = z.infer<typeof ItemList>;

// ---------------------------------------------------------------- feeds (registered by the programme office)

export const FeedInput = z.object({
  title: z.string().trim().min(2).max(200),
  url: HttpUrl,
  platform: Platform.default('news'),
  /** How often it is polled, in minutes (15 minutes to a day). */
  everyMinutes: z.number().int().min(15).max(1440).default(60),
  active: z.boolean().default(true),
});
export type FeedInput = z.input<typeof FeedInput>;
export const Feed = z.object({
  id: z.number().int(),
  title: z.string(),
  url: z.string(),
  platform: z.string(),
  active: z.boolean(),
  everyMinutes: z.number().int(),
  /** Demo feeds: the product's own fixture file, read instead of the network. */
  fixture: z.string().nullable(),
  nextPollAt: z.string(),
  lastPolledAt: z.string().nullable(),
  lastStatus: z.enum(['ok', 'error']).nullable(),
  lastError: z.string().nullable(),
  lastNew: z.number().int().nullable(),
  totalItems: z.number().int(),
  isDemo: z.boolean(),
});
export type Feed = z.infer<typeof Feed>;
/** One poll of one feed: entries read, new items taken in (with the ingest's figures), or the error. */
export const PollResult = z.object({
  feedId: z.number().int(),
  status: z.enum(['ok', 'error', 'not_modified']),
  entries: z.number().int(),
  created: z.number().int(),
  suggested: z.number().int(),
  autoLinked: z.number().int(),
  error: z.string().nullable(),
});
export type PollResult = z.infer<typeof PollResult>;

// ---------------------------------------------------------------- the public desk: submissions and complaints

/** Days the desk has to answer a complaint (shown on the methodology page; sets each complaint's reply_due). */
export const COMPLAINT_REPLY_DAYS = 14;
/** At most this many links in a public form's text fields (spam). */
export const PUBLIC_FORM_MAX_LINKS = 3;

/** Field messages of the public forms (the portal shows each in the reader's language). */
export const DESK_MESSAGES = {
  textOrUrl: 'give the text, the URL or both',
  url: 'an http(s) address',
  email: 'an e-mail address',
  consent: 'tick the consent box to let us keep your e-mail address, or remove the address',
  tooManyLinks: 'too many links',
  complaintText: 'say what you think is wrong (at least 10 characters)',
  token: 'the form has expired or was not sent from our page; send it again',
  tooFast: 'the form was sent too quickly; wait a moment and send it again',
  honeypot: 'leave this field empty',
  claim: 'no such published fact-check',
} as const;
export type DeskMessage = keyof typeof DESK_MESSAGES;

const optText = (max: number) => z.string().trim().max(max).optional().default('');
/** A "send us a suspicious claim" form as the portal received it (no personal data required). */
export const SubmissionInput = z.object({
  text: optText(5000),
  url: optText(2000),
  platform: Platform.default('other'),
  note: optText(2000),
  email: optText(254),
  consent: z.boolean().default(false),
  locale: FcLanguage.default('vi'),
});
export type SubmissionInput = z.input<typeof SubmissionInput>;

/** A complaint about a published fact-check (claimId) or about the desk in general. */
export const ComplaintInput = z.object({
  claimId: z.number().int().positive().nullable().optional(),
  text: optText(5000),
  email: optText(254),
  consent: z.boolean().default(false),
  locale: FcLanguage.default('vi'),
});
export type ComplaintInput = z.input<typeof ComplaintInput>;

export const COMPLAINT_STATUSES = ['open', 'answered', 'rejected'] as const;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export const Complaint = z.object({
  id: z.number().int(),
  claimId: z.number().int().nullable(),
  claimText: z.string().nullable(),
  text: z.string(),
  locale: z.string(),
  receivedAt: z.string(),
  replyDue: z.string(),
  status: ComplaintStatus,
  reply: z.string().nullable(),
  repliedBy: z.number().int().nullable(),
  repliedAt: z.string().nullable(),
  correctionVersion: z.number().int().nullable(),
  /** kept: an address the reply can go to; erased: it was erased after the reply; none: the sender gave none. */
  contact: z.enum(['kept', 'erased', 'none']),
  /** Days until the reply is due (negative: overdue by that many days); null once answered or rejected. */
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
});
export type Complaint = z.infer<typeof Complaint>;
export const ComplaintListQuery = z.object({
  status: ComplaintStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ComplaintList = z.object({ total: z.number().int(), rows: z.array(Complaint) });
export const ComplaintReplyInput = z.object({
  status: z.enum(['answered', 'rejected']),
  reply: z.string().trim().min(3, 'write the reply (at least 3 characters)').max(10_000),
  /** The correction this complaint led to (the version it created), if any. */
  correctionVersion: z.number().int().min(2).max(10_000).nullable().optional(),
});
export type ComplaintReplyInput = z.input<typeof ComplaintReplyInput>;
export const ComplaintReplyResult = Complaint.extend({ mailed: z.boolean() });

export const Submission = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  itemText: z.string(),
  itemUrl: z.string().nullable(),
  platform: z.string(),
  note: z.string().nullable(),
  locale: z.string(),
  receivedAt: z.string(),
  contact: z.enum(['kept', 'erased', 'none']),
});
export type Submission = z.infer<typeof Submission>;
export const SubmissionListQuery = z.object({
  contact: z.enum(['kept', 'erased', 'none']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const SubmissionList = z.object({ total: z.number().int(), rows: z.array(Submission) });

// ---------------------------------------------------------------- labels (workspace, portal, indicators)

/** Platforms and the topics of the office's default rules, in both languages (an unknown code shows as itself). */
export const PLATFORM_LABELS: Record<string, { vi: string; en: string }> = {
  facebook: { vi: 'Facebook', en: 'Facebook' },
  youtube: { vi: 'YouTube', en: 'YouTube' },
  tiktok: { vi: 'TikTok', en: 'TikTok' },
  x: { vi: 'X (Twitter)', en: 'X (Twitter)' },
  telegram: { vi: 'Telegram', en: 'Telegram' },
  web: { vi: 'Trang web, blog', en: 'Websites, blogs' },
  news: { vi: 'Báo, tin tức', en: 'News media' },
  other: { vi: 'Khác', en: 'Other' },
};
export const TOPIC_LABELS: Record<string, { vi: string; en: string }> = {
  human_rights: { vi: 'Quyền con người (chung)', en: 'Human rights (general)' },
  religion: { vi: 'Tự do tín ngưỡng, tôn giáo', en: 'Freedom of religion' },
  expression: { vi: 'Tự do ngôn luận, báo chí', en: 'Freedom of expression and the press' },
  minorities: { vi: 'Dân tộc thiểu số', en: 'Ethnic minorities' },
  children: { vi: 'Quyền trẻ em', en: "Children's rights" },
  detention: { vi: 'Bắt giữ, tạm giam', en: 'Arrest and detention' },
  labour: { vi: 'Quyền lao động', en: 'Labour rights' },
  _none: { vi: 'Chưa gắn chủ đề', en: 'No topic' },
};

// ---------------------------------------------------------------- fetching a page for an evidence snapshot

export const FetchPageInput = z.object({ url: HttpUrl });
export const FetchedPage = z.object({ url: z.string(), finalUrl: z.string(), title: z.string(), text: z.string(), fetchedAt: z.string() });
export type FetchedPage = z.infer<typeof FetchedPage>;
