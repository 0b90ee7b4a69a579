// Tests that stand a target "without a data source" take out both what computes it: its provider (the oracle) and its
// module's indicator fact source. Returns what puts them back.
import type { IndicatorId } from '../src/shared/contracts/indicators.js';
import { factSources, type FactSource } from '../src/server/modules/indicators/indicators.facts.js';
import { indicatorProviders } from '../src/server/modules/providers.js';

export function takeOutSources(taken: (id: IndicatorId) => boolean): () => void {
  const providers = indicatorProviders.filter((p) => taken(p.id));
  const registry = factSources() as FactSource[];
  const sources = registry.filter((s) => s.indicators.some((i) => taken(i.id)));
  for (const p of providers) indicatorProviders.splice(indicatorProviders.indexOf(p), 1);
  for (const s of sources) registry.splice(registry.indexOf(s), 1);
  return () => {
    indicatorProviders.push(...providers);
    registry.push(...sources);
  };
}
