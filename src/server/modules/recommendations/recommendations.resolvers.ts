// The evidence resolvers of the modules that have landed, each through that module's exported service functions.
// A new module adds its resolver to this list (or calls registerEvidenceResolver from its own code).
import type { EvidenceRecord, EvidenceResolver } from './recommendations.evidence.js';
import { loadPressItems } from '../press/press.service.js';
import { loadProducts } from '../library/library.service.js';

const day = (d: string | null) => (d ? d.slice(0, 10) : null);

export const pressItemResolver: EvidenceResolver = {
  type: 'press_item',
  label: { vi: 'Tin báo chí', en: 'Press items' },
  async resolve(db, ids) {
    const items = await loadPressItems(db, ids);
    return new Map(items.map((i): [number, EvidenceRecord] => {
      const isPublic = i.status === 'published' || i.status === 'corrected';
      return [i.id, {
        label: i.title, date: day(i.publishedAt ?? i.heldAt ?? null), organisationId: i.organisationId, organisationName: i.organisationName,
        href: `/press?item=${i.id}`, publicHref: isPublic ? `/tin-tuc/${i.id}` : null, public: isPublic,
      }];
    }));
  },
};

export const libraryProductResolver: EvidenceResolver = {
  type: 'library_product',
  label: { vi: 'Sản phẩm thư viện', en: 'Library products' },
  async resolve(db, ids) {
    const products = await loadProducts(db, ids);
    return new Map(products.map((p) => [p.id, {
      label: p.texts[0]?.title ?? `#${p.id}`, date: p.date, organisationId: p.organisationId, organisationName: p.organisationName,
      href: `/library?product=${p.id}`, publicHref: p.status === 'published' ? `/thu-vien/${p.id}` : null, public: p.status === 'published',
    }]));
  },
};

export const BUILTIN_RESOLVERS: EvidenceResolver[] = [pressItemResolver, libraryProductResolver];
