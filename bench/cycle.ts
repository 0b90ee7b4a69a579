// The programme cycle's data of the national bench (bench/national.ts), added to each run's copy of the national data
// set before the server starts (the kept data set stays as generated): the report calendar's period for a past year,
// a plan for that year for every organisation (three activities over several targets, budget from the three funding
// sources, spending on two of them), and each organisation's periodic report for the year — about 85 % approved with
// their four narrative sections and the targets their figures contribute to, some submitted, the rest missing. Written
// in SQL (set-based), as the other generators.
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { rows, type Database } from '../src/server/kernel/db.js';
import { createPeriod } from '../src/server/modules/cycle/cycle.periods.js';

const GROUPS = ['{T1}', '{T2a,T2b}', '{T3}', '{T4a,T4b}', '{T5b}', '{T6}'];

export async function addCycleData(d: Database, year: number): Promise<{ periodId: number; line: string }> {
  const db = d.db;
  const period = await createPeriod(db, systemActor('cli', 'bench/cycle.ts'), { kind: 'yearly', year, deadline: `${year + 1}-01-31` });
  await db.execute(sql`insert into plans (organisation_id, year, version, status, approved_version, next_activity_no)
    select id, ${year}, 1, 'approved', 1, 4 from organisations`);
  await db.execute(sql`insert into plan_versions (plan_id, version, status, submitted_at, decided_at)
    select id, 1, 'approved', ${`${year}-02-01T03:00:00Z`}::timestamptz, ${`${year}-02-15T03:00:00Z`}::timestamptz from plans where year = ${year}`);
  await db.execute(sql`insert into plan_activities (version_id, no, position, title, targets, start_month, end_month, budget_central, budget_local, budget_other)
    select v.id, g, g, 'Hoạt động truyền thông ' || g || ' (bench)', (${sql.raw(`array['${GROUPS.join("','")}']`)})[1 + (p.organisation_id + g) % ${GROUPS.length}]::text[],
      ${`${year}-03`}, ${`${year}-11`}, 20000000 + (p.organisation_id % 7) * 5000000, case when g = 2 then 15000000 else 0 end, case when g = 3 then 8000000 else 0 end
    from plan_versions v join plans p on p.id = v.plan_id cross join generate_series(1, 3) g where p.year = ${year}`);
  await db.execute(sql`insert into plan_spending (plan_id, activity_no, source, amount, spent_on)
    select p.id, g, case g when 1 then 'central' else 'local' end, case g when 1 then 15000000 + (p.organisation_id % 5) * 1000000 else 9000000 end, ${`${year}-10-15`}::date
    from plans p cross join generate_series(1, 2) g where p.year = ${year}`);
  const sections = (kind: string) => sql`jsonb_build_object(
      'results', 'Năm ' || ${String(year)} || ', ' || o.name_vi || ' đã tổ chức các hoạt động truyền thông về quyền con người theo kế hoạch: hội nghị, tập huấn, tin bài trên báo chí và cổng thông tin (${sql.raw(kind)}).',
      'difficulties', 'Kinh phí địa phương còn hạn chế; đội ngũ làm công tác truyền thông kiêm nhiệm, thiếu tài liệu song ngữ.',
      'proposals', 'Đề nghị Văn phòng Đề án bổ sung tài liệu hướng dẫn và tổ chức tập huấn chuyên sâu cho cán bộ làm công tác truyền thông.',
      'nextTasks', 'Tiếp tục triển khai kế hoạch năm sau, mở rộng sản phẩm truyền thông bằng tiếng dân tộc thiểu số.')`;
  // Approved (85 %), submitted and waiting (5 %), missing (the rest); the figures say which targets each contributes to.
  await db.execute(sql`insert into cycle_reports (period_id, organisation_id, status, sections, figures, first_submitted_at, submitted_at, decided_at)
    select ${period.id}, o.id, case when o.id % 20 < 17 then 'approved' else 'submitted' end, ${sections('bench')},
      jsonb_build_object('source', 'live', 'computedAt', now(), 'rows', jsonb_build_array(jsonb_build_object('indicator', (array['T1','T2a','T3','T4a','T5b','T6'])[1 + o.id % 6], 'numerator', 1 + o.id % 4))),
      ${`${year + 1}-01-20T03:00:00Z`}::timestamptz + (o.id % 30) * interval '1 day', ${`${year + 1}-01-20T03:00:00Z`}::timestamptz + (o.id % 30) * interval '1 day',
      case when o.id % 20 < 17 then ${`${year + 1}-02-20T03:00:00Z`}::timestamptz end
    from organisations o where o.id % 20 < 18`);
  // one statement each: PGlite's extended protocol takes a single command per query
  for (const t of ['plans', 'plan_versions', 'plan_activities', 'plan_spending', 'cycle_reports'])
    await db.execute(sql.raw(`analyze ${t}`));
  const [c] = await rows<{ plans: number; reports: number; approved: number }>(
    db,
    sql`select (select count(*) from plans where year = ${year})::int as plans,
    (select count(*) from cycle_reports where period_id = ${period.id})::int as reports, (select count(*) from cycle_reports where period_id = ${period.id} and status = 'approved')::int as approved`,
  );
  return {
    periodId: period.id,
    line: `cycle ${year}: ${c!.plans} plans (3 activities each, spending), ${c!.reports} reports (${c!.approved} approved)`,
  };
}
