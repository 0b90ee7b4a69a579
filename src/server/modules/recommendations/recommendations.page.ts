// A recommendation's page: the recommendation, its translations, actions, progress reports, status history, its
// evidence from every module (counts per record type and the items with links) and, beside them, the current
// figures of the programme targets it maps to: the chain recommendation → target → action → record → evidence.
import type * as C from '../../../shared/contracts/recommendations.js';
import type { Db } from '../../kernel/db.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { listEvidence } from './recommendations.evidence.js';
import { getRecommendation, listActions, listReports, listStatusHistory, listTranslations } from './recommendations.service.js';

export async function targetFigures(db: Db, ids: C.Recommendation['targets']): Promise<C.RecommendationPage['targets']> {
  if (!ids.length) return [];
  const d = await getDashboard(db, {}, { only: ids });
  return ids.map((id) => {
    const def = d.indicators.find((x) => x.id === id)!;
    const f = d.figures.find((x) => x.id === id);
    return {
      id,
      name: def.name,
      unit: def.unit,
      value: f?.value ?? null,
      numerator: f?.numerator ?? 0,
      denominator: f?.denominator ?? null,
      status: f?.status ?? 'no_data',
    };
  });
}

export async function getRecommendationPage(db: Db, id: number, opts: { publicOnly?: boolean } = {}): Promise<C.RecommendationPage> {
  const recommendation = await getRecommendation(db, id);
  const [translations, actions, reports, history, evidence, targets] = await Promise.all([
    listTranslations(db, id),
    listActions(db, id),
    listReports(db, id),
    listStatusHistory(db, id),
    listEvidence(db, id, { publicOnly: opts.publicOnly }),
    targetFigures(db, recommendation.targets),
  ]);
  return {
    recommendation,
    translations,
    actions,
    reports: opts.publicOnly ? reports.filter((r) => r.status === 'approved') : reports,
    history,
    evidence,
    targets,
  };
}
