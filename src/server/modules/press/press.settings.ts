// Reporting settings of the programme office: period kind (quarterly by default), grace days for late
// information, and the explicit include/exclude lists on top of "every active state administrative
// agency". One row; only administrators change it.
import { eq } from 'drizzle-orm';
import { ReportingSettingsInput, type ReportingSettings } from '../../../shared/contracts/press.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { pressReportingSettings } from './press.tables.js';

export const DEFAULT_SETTINGS: ReportingSettings = { periodKind: 'quarterly', graceDays: 15, includeOrgIds: [], excludeOrgIds: [] };

export async function getReportingSettings(db: Db): Promise<ReportingSettings> {
  const [r] = await db.select().from(pressReportingSettings).where(eq(pressReportingSettings.id, 1));
  if (!r) return { ...DEFAULT_SETTINGS };
  return {
    periodKind: r.periodKind as ReportingSettings['periodKind'],
    graceDays: r.graceDays,
    includeOrgIds: r.includeOrgIds,
    excludeOrgIds: r.excludeOrgIds,
  };
}

export async function updateReportingSettings(db: Db, actor: Actor, raw: unknown): Promise<ReportingSettings> {
  if (actor.role !== 'admin' && actor.role !== 'system') throw forbidden('Only administrators change the reporting settings');
  return db.transaction(async (tx) => {
    const input = parseInput(ReportingSettingsInput, raw);
    const before = await getReportingSettings(tx);
    const after: ReportingSettings = { ...before, ...input };
    after.includeOrgIds = [...new Set(after.includeOrgIds)];
    after.excludeOrgIds = [...new Set(after.excludeOrgIds)];
    await tx
      .insert(pressReportingSettings)
      .values({ id: 1, ...after, updatedAt: new Date() })
      .onConflictDoUpdate({ target: pressReportingSettings.id, set: { ...after, updatedAt: new Date() } });
    await recordAudit(tx, actor, 'update', 'press_reporting_settings', 1, before, after);
    return after;
  });
}
