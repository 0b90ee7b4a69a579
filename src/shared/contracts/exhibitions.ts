// Contracts of the exhibitions module (target T3): photo and archival-document exhibitions, physical (in a province
// of the map valid on their dates, or abroad) and online (a curated sequence of published library products with a
// narrative per language), their coverage of both province maps. Shared by the server and the workspace.
import { z } from 'zod';
import { LanguageCode } from './library.js';

export const EXHIBITION_KINDS = ['photographs', 'archival_documents', 'both'] as const;
export const ExhibitionKind = z.enum(EXHIBITION_KINDS);
export type ExhibitionKind = z.infer<typeof ExhibitionKind>;

export const EXHIBITION_FORMATS = ['physical', 'online', 'both'] as const;
export const ExhibitionFormat = z.enum(EXHIBITION_FORMATS);
export type ExhibitionFormat = z.infer<typeof ExhibitionFormat>;
/** Formats with a physical venue. */
export const isPhysical = (f: string) => f === 'physical' || f === 'both';

/** The day the 34-unit map took effect (Resolution 202/2025/QH15): earlier dates lie on the 63-unit map. */
export const MAP34_FROM = '2025-07-01';
/** The map valid on a Viet Nam calendar day. */
export const mapOn = (day: string): '63' | '34' => (day < MAP34_FROM ? '63' : '34');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const provinceCode = z
  .string()
  .trim()
  .regex(/^\d{1,2}$/, 'a province code (two digits)')
  .transform((s) => s.padStart(2, '0'));

export const ExhibitionText = z.object({
  language: LanguageCode,
  title: z.string().trim().min(1).max(500),
  description: z.string().trim().max(10_000).nullable().optional(),
  /** The online exhibition's narrative in this language (plain text, paragraphs separated by blank lines). */
  narrative: z.string().trim().max(50_000).nullable().optional(),
});
export type ExhibitionText = z.infer<typeof ExhibitionText>;

/** Where a physical exhibition took place. In Viet Nam: the province on the map valid on its start date (`map`,
 *  optional: it is checked against the dates) and, on the 34-unit map, the pre-2025 unit it lies in (required when
 *  the province was formed from several, pre-filled otherwise). Abroad: country and city. */
export const VenueInput = z.discriminatedUnion('location', [
  z.object({
    location: z.literal('vietnam'),
    name: z.string().trim().min(1).max(300),
    map: z.enum(['63', '34']).nullable().optional(),
    provinceCode,
    formerProvinceCode: provinceCode.nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lon: z.number().min(-180).max(180).nullable().optional(),
  }),
  z.object({
    location: z.literal('abroad'),
    name: z.string().trim().min(1).max(300),
    countryCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code'),
    city: z.string().trim().min(1).max(200),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lon: z.number().min(-180).max(180).nullable().optional(),
  }),
]);
export type VenueInput = z.infer<typeof VenueInput>;

export const ItemInput = z.object({
  /** A published library product (photo, archival document …). */
  productId: z.number().int().positive(),
  captions: z
    .array(z.object({ language: LanguageCode, text: z.string().trim().min(1).max(2000) }))
    .max(20)
    .default([]),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const ExhibitionInput = z.object({
  texts: z.array(ExhibitionText).min(1).max(20),
  kind: ExhibitionKind,
  format: ExhibitionFormat,
  /** Organisers; the first is the lead (editors write exhibitions led by their organisation's subtree). */
  organiserIds: z.array(z.number().int().positive()).min(1).max(20),
  startDate: isoDate,
  endDate: isoDate,
  audiences: z.array(z.number().int().min(1).max(6)).max(6).default([]),
  captionLanguages: z.array(LanguageCode).max(20).default([]),
  visitors: z.number().int().min(0).max(100_000_000).nullable().optional(),
  views: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  /** Required for physical formats, absent for online-only. */
  venue: VenueInput.nullable().optional(),
  items: z.array(ItemInput).max(500).default([]),
});
export type ExhibitionInput = z.input<typeof ExhibitionInput>;

export const Venue = z.object({
  location: z.enum(['vietnam', 'abroad']),
  name: z.string(),
  map: z.enum(['63', '34']).nullable(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  provinceNameEn: z.string().nullable(),
  formerProvinceCode: z.string().nullable(),
  formerProvinceName: z.string().nullable(),
  formerProvinceNameEn: z.string().nullable(),
  countryCode: z.string().nullable(),
  countryName: z.string().nullable(),
  countryNameEn: z.string().nullable(),
  city: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type Venue = z.infer<typeof Venue>;

export const ExhibitionItem = z.object({
  position: z.number().int(),
  productId: z.number().int(),
  title: z.string(),
  productKind: z.string(),
  captions: z.array(z.object({ language: z.string(), text: z.string() })),
  /** The product's first image file, if any (served by the library's file routes). */
  image: z.object({ fileId: z.number().int(), hasThumbnail: z.boolean(), mediaType: z.string() }).nullable(),
  credit: z.string(),
});
export type ExhibitionItem = z.infer<typeof ExhibitionItem>;

export const ExhibitionPhoto = z.object({
  id: z.number().int(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  caption: z.string().nullable(),
  hasThumbnail: z.boolean(),
});
export type ExhibitionPhoto = z.infer<typeof ExhibitionPhoto>;

/** A co-organiser named by another organisation's editor waits for its own organisation (or the programme office)
 *  to confirm it; until then (and once declined) it does not count for it and is not shown on the portal. */
export const OrganiserConfirmation = z.enum(['pending', 'confirmed', 'declined']);
export type OrganiserConfirmation = z.infer<typeof OrganiserConfirmation>;
export const ExhibitionOrganiser = z.object({
  id: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  confirmation: OrganiserConfirmation,
  /** Who confirmed or declined it and when (null while pending). */
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ExhibitionOrganiser = z.infer<typeof ExhibitionOrganiser>;

export const Exhibition = z.object({
  id: z.number().int(),
  texts: z.array(
    z.object({ language: z.string(), title: z.string(), description: z.string().nullable(), narrative: z.string().nullable() }),
  ),
  kind: ExhibitionKind,
  format: ExhibitionFormat,
  /** The lead first; each with its confirmation (a co-organiser counts only once confirmed: OrganiserConfirmation). */
  organisers: z.array(ExhibitionOrganiser),
  startDate: z.string(),
  endDate: z.string(),
  audiences: z.array(z.number().int()),
  captionLanguages: z.array(z.string()),
  /** Some text or caption language is a foreign language. */
  hasForeignVersion: z.boolean(),
  visitors: z.number().nullable(),
  views: z.number().nullable(),
  venue: Venue.nullable(),
  items: z.array(ExhibitionItem),
  photos: z.array(ExhibitionPhoto),
  onlinePublishedAt: z.string().nullable(),
  /** Listed on the portal since (title, dates, place, organisers; its venue a point on the public map). */
  publicAt: z.string().nullable(),
  /** Shown on the portal: listed, or its online version published. */
  isPublic: z.boolean(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type Exhibition = z.infer<typeof Exhibition>;

export const ExhibitionListQuery = z.object({
  q: z.string().max(200).optional(),
  format: ExhibitionFormat.optional(),
  location: z.enum(['vietnam', 'abroad', 'online']).optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  /** A province on either map (codes are per map). */
  map: z.enum(['63', '34']).optional(),
  province: z.string().max(2).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ExhibitionListQuery = z.input<typeof ExhibitionListQuery>;

export const ExhibitionSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  /** The English title, when the exhibition has one (English pages show it, else the first title marked lang). */
  titleEn: z.string().nullable().optional(),
  format: ExhibitionFormat,
  kind: ExhibitionKind,
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  /** The place with the province or country in English (the venue's own name as entered). */
  placeEn: z.string(),
  organiser: z.string(),
  organiserEn: z.string().nullable(),
  items: z.number().int(),
  online: z.boolean(),
  /** Shown on the portal (listed, or published online). */
  public: z.boolean(),
  isDemo: z.boolean(),
});
export const ExhibitionList = z.object({ items: z.array(ExhibitionSummary), total: z.number().int() });
export type ExhibitionList = z.infer<typeof ExhibitionList>;

/** The pre-2025 units a venue in a province may lie in (the workspace's picker). */
export const FormerUnitsQuery = z.object({ map: z.enum(['63', '34']), province: provinceCode });
export const FormerUnits = z.object({
  map: z.enum(['63', '34']),
  province: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  candidates: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  /** The one choice, when there is only one. */
  prefilled: z.string().nullable(),
});
export type FormerUnits = z.infer<typeof FormerUnits>;

export const CoverageQuery = z.object({
  /** Last day counted (default: today); cumulative from 2023-01-01. */
  until: isoDate.optional(),
  from: isoDate.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
});
export type CoverageQuery = z.input<typeof CoverageQuery>;

const CoverageUnit = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), exhibitions: z.number().int() });
export const Coverage = z.object({
  from: z.string(),
  until: z.string(),
  map63: z.object({ covered: z.number().int(), total: z.number().int(), units: z.array(CoverageUnit) }),
  map34: z.object({ covered: z.number().int(), total: z.number().int(), units: z.array(CoverageUnit) }),
  abroad: z.array(
    z.object({
      countryCode: z.string(),
      countryName: z.string(),
      countryNameEn: z.string(),
      city: z.string(),
      exhibitions: z.number().int(),
    }),
  ),
  foreign: z.object({ withForeign: z.number().int(), total: z.number().int(), share: z.number().nullable() }),
  /** Venues with coordinates. `title`/`place` in Vietnamese, `titleEn`/`placeEn` in English (the English title when
   *  there is one; the venue's own name as entered, its province or country in English); `public`: shown on the portal. */
  venues: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      titleEn: z.string(),
      lat: z.number(),
      lon: z.number(),
      place: z.string(),
      placeEn: z.string(),
      public: z.boolean(),
    }),
  ),
  /** For each organisation that organised or co-organised an exhibition in the span: the units its exhibitions
   *  covered on both maps, its locations abroad and its exhibitions (an exhibition counts for each of its organisers). */
  byOrganiser: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      covered63: z.number().int(),
      covered34: z.number().int(),
      abroad: z.number().int(),
      exhibitions: z.number().int(),
    }),
  ),
});
export type Coverage = z.infer<typeof Coverage>;

/** A request to confirm an organisation as co-organiser, for those who may decide it (its own subtree's editors, the office). */
export const CoOrganiserRequest = z.object({
  exhibitionId: z.number().int(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  /** The lead organiser, who named the co-organiser. */
  lead: z.object({ id: z.number().int(), name: z.string(), nameEn: z.string().nullable() }),
  organisation: z.object({ id: z.number().int(), name: z.string(), nameEn: z.string().nullable() }),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
});
export type CoOrganiserRequest = z.infer<typeof CoOrganiserRequest>;
export const CoOrganiserRequestList = z.object({ items: z.array(CoOrganiserRequest), total: z.number().int() });
export type CoOrganiserRequestList = z.infer<typeof CoOrganiserRequestList>;
