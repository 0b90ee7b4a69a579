// Notifications: the workspace inbox and the e-mails of the notification job (modules/notifications). Each person is
// told of an event once; what they are told of, where (inbox, e-mail) and how (single messages or a daily digest) is
// theirs to choose per kind. The kinds come from the modules' notification sources (the server lists them).
import { z } from 'zod';
import { Bilingual } from './indicators.js';

/** A kind id: `<module>.<what>` (e.g. press.t1_missing). */
export const KindId = z
  .string()
  .trim()
  .min(3)
  .max(80)
  .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'module.kind in lower case');

export const Notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  /** The kind's name, for the list (from its source). */
  kindLabel: Bilingual,
  title: Bilingual,
  body: Bilingual.nullable(),
  /** A workspace page (path and query inside /app). */
  link: z.string(),
  /** The deadline the notice is about, if any (YYYY-MM-DD). */
  due: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** When it was e-mailed (alone or in a digest); null: not (yet) by e-mail. */
  emailedAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  kind: KindId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const NotificationList = z.object({ total: z.number().int(), unread: z.number().int(), rows: z.array(Notification) });
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });
export const MarkedRead = z.object({ marked: z.number().int() });

/** One kind as a person has set it (or its defaults when they set nothing). */
export const KindPreference = z.object({
  id: z.string(),
  module: z.string(),
  label: Bilingual,
  description: Bilingual,
  inbox: z.boolean(),
  email: z.boolean(),
});
export type KindPreference = z.infer<typeof KindPreference>;

export const Preferences = z.object({
  kinds: z.array(KindPreference),
  /** One e-mail a day listing the day's notices instead of a message each. */
  digest: z.boolean(),
  /** The hour (Viet Nam time) the digest goes out. */
  digestHour: z.number().int(),
  /** Where the e-mails go (one's own address, set by the programme office); null: no e-mail. */
  email: z.string().nullable(),
  /** Whether the server sends e-mail at all (SMTP configured). */
  mailEnabled: z.boolean(),
});
export type Preferences = z.infer<typeof Preferences>;

export const PreferencesInput = z.object({
  kinds: z.array(z.object({ id: KindId, inbox: z.boolean(), email: z.boolean() })).max(200),
  digest: z.boolean(),
});
export type PreferencesInput = z.infer<typeof PreferencesInput>;
