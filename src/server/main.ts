// The command line: serve | migrate | seed [--demo | --remove-demo] | user create | backup | restore | claims match|eval.
// Every command but claims, backup and restore opens the configured database, applies migrations and loads reference data first.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from './app.js';
import type { PortalStatus } from './portal/portal.routes.js';
import { systemActor } from './kernel/audit.js';
import { ConfigError, loadConfig, type Config } from './kernel/config.js';
import type { AppError } from './kernel/errors.js';
import { cliErrorText } from './kernel/messages.js';
import { openDatabase, type Database } from './kernel/db.js';
import { BACKUP_USAGE, backupCommand } from './kernel/backup.cli.js';
import { BackupError, openBackupChannel, serverRunsOn } from './kernel/backup.database.js';
import { DEMO_PASSWORD, DEMO_USERS, hasData, hasDemoUsers, removeDemo, seedDemo } from './modules/directory/directory.demo.js';
import { findOrganisationByCode } from './modules/directory/organisations.service.js';
import { createUser } from './modules/directory/users.service.js';
import { startIntervalJobs } from './kernel/jobs.js';
import { rateLimitSweepJob } from './kernel/rateLimit.js';
import { gracefulShutdown } from './kernel/shutdown.js';
import { loadAllReference, moduleJobs } from './modules/index.js';
import { removeLibraryDemo, seedLibraryDemo, seedLibraryDemoFiles } from './modules/library/library.demo.js';
import { removeExhibitionsDemo, seedExhibitionsDemo } from './modules/exhibitions/exhibitions.demo.js';
import { createFileStore } from './kernel/storage.js';
import { removePressDemo, seedPressDemo } from './modules/press/press.demo.js';
import { CLAIMS_USAGE, claimsCommand } from './modules/factcheck/factcheck.cli.js';
import {
  removeRecommendationsDemo,
  seedRecommendationsDemo,
  seedRecommendationsDemoChain,
} from './modules/recommendations/recommendations.demo.js';
import { removeTrainingDemo, seedTrainingDemo } from './modules/training/training.demo.js';
import { removeFactcheckDemo, seedFactcheckDemo } from './modules/factcheck/factcheck.demo.js';
import { removeCycleDemo, seedCycleDemo } from './modules/cycle/cycle.demo.js';
import { removeNotificationsDemo, seedNotificationsDemo } from './modules/notifications/notifications.demo.js';
import { removePlansDemo, seedPlansDemo } from './modules/plans/plans.demo.js';
import { safeError } from './kernel/logging.js';

const USAGE = `Usage: rightshub <command>
  serve [--first-run-demo [--demo-before-listen]]
                             start the server (--first-run-demo: load demo data into an empty database, in the
                             background once it answers; --demo-before-listen: before it listens)
  migrate                    apply database migrations and load reference data
  seed --demo                load demo data (everything marked as demo)
  seed --remove-demo         remove everything demo-made
  user create --username U --password P --role admin|editor|reviewer|analyst|viewer|coordinator [--name "Full name"]
              [--org CODE] [--province CODE]   (--province: a coordinator's province on the 34-unit map)
${BACKUP_USAGE}
${CLAIMS_USAGE}
Environment: DATABASE_URL (PostgreSQL; default: embedded database in DATA_DIR=./data), PORT, BASE_URL, LOG_LEVEL …`;

async function prepare(config: Config): Promise<Database> {
  const database = await openDatabase(config);
  await database.exclusive(async () => {
    await database.migrate();
    await loadAllReference(database.db);
  });
  // PGlite has no autovacuum: without statistics the planner misjudges text search and list queries badly.
  if (database.kind === 'pglite') await database.db.execute(sql`analyze`);
  return database;
}

function printDemoLogins(config: Config) {
  console.log(`\nDemo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}`);
  console.log(`Public portal: ${config.baseUrl}/   Workspace: ${config.baseUrl}/app   API docs: ${config.baseUrl}/api/docs\n`);
}

/** Loads the demo data into an empty database (under the start-up lock; another copy may have done it meanwhile). */
async function loadDemoIfEmpty(database: Database, config: Config): Promise<boolean> {
  return database.exclusive(async () => {
    if (await hasData(database.db)) return false;
    const r = await seedDemo(database.db);
    const press = await seedPressDemo(database.db);
    const library = await seedLibraryDemo(database.db);
    await seedLibraryDemoFiles(database.db, createFileStore(config.dataDir));
    await seedExhibitionsDemo(database.db);
    await seedRecommendationsDemo(database.db);
    const training = await seedTrainingDemo(database.db);
    await seedRecommendationsDemoChain(database.db);
    const factcheck = await seedFactcheckDemo(database.db, config.baseUrl);
    await seedPlansDemo(database.db);
    const cycle = await seedCycleDemo(database.db);
    await seedNotificationsDemo(database.db); // last: it reads every module's demo records
    console.log(
      `First start: loaded demo data (${r.organisations} organisations, ${r.people} people, ${r.users} users, ${press.items} press items, ${library.products} library products, ${training.people} rostered people, ${factcheck.items} monitored items, ${cycle.reports} periodic reports).`,
    );
    return true;
  });
}

/** `firstRunDemo`: an empty database gets the demo data, loaded in the background once the server answers (the
 *  portal says so meanwhile); with `demoBeforeListen` it is loaded first (tests that need it all from the start). */
async function serve(config: Config, firstRunDemo: boolean, demoBeforeListen = false) {
  // On the embedded database, claim DATA_DIR before opening it: refuses a second server on the same data, and lets
  // `rightshub backup` ask this process for a consistent copy.
  const backups = config.databaseUrl
    ? null
    : await openBackupChannel(config.dataDir).catch((e: unknown) => {
        if (e instanceof BackupError) throw e;
        console.warn(
          `Live backups are unavailable (${e instanceof Error ? e.message : String(e)}): stop the server before running rightshub backup.`,
        );
        return null;
      });
  const database = await prepare(config);
  backups?.serve(database.pglite!);
  let demoPending = firstRunDemo && !(await hasData(database.db));
  if (demoPending && demoBeforeListen) {
    await loadDemoIfEmpty(database, config);
    demoPending = false;
  }
  const showDemo = await hasDemoUsers(database.db);
  const status: PortalStatus = { demoLoading: demoPending };
  const app = await buildApp({ config, database, status });
  let closing = false;
  let stopJobs = async () => {};
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000 + config.shutdownDrainMs).unref();
    await gracefulShutdown(app, { drainMs: config.shutdownDrainMs, stopJobs });
    await backups?.close();
    await database.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const analyze = {
    name: 'pglite.analyze',
    everyMs: 30 * 60_000,
    run: async (db: typeof database.db) => {
      await db.execute(sql`analyze`);
      return 0;
    },
  };
  stopJobs = startIntervalJobs(database.db, app.log, [
    ...moduleJobs(config),
    rateLimitSweepJob,
    ...(database.kind === 'pglite' ? [analyze] : []),
  ]);
  if (showDemo) printDemoLogins(config);
  if (demoPending) {
    console.log('Loading the demo data in the background …');
    loadDemoIfEmpty(database, config)
      .then(
        (loaded) => {
          if (loaded && !closing) printDemoLogins(config);
        },
        (e: unknown) => {
          if (!closing) app.log.error({ err: e }, 'loading the demo data failed');
        },
      )
      .finally(() => {
        status.demoLoading = false;
      });
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      'remove-demo': { type: 'boolean' },
      'first-run-demo': { type: 'boolean' },
      'demo-before-listen': { type: 'boolean' },
      claims: { type: 'string' },
      verify: { type: 'string' },
      items: { type: 'string' },
      top: { type: 'string' },
      out: { type: 'string' },
      split: { type: 'string' },
      dir: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      province: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, sub] = positionals;
  if (!cmd || values.help) {
    console.log(USAGE);
    return;
  }
  if (cmd === 'claims') return claimsCommand(sub, values); // files only: no configuration, no database
  const config = loadConfig();
  if (cmd === 'serve') return serve(config, Boolean(values['first-run-demo']), Boolean(values['demo-before-listen']));
  if (cmd === 'backup' || cmd === 'restore') return backupCommand(cmd, sub, values, config);
  if (!config.databaseUrl && (await serverRunsOn(config.dataDir))) {
    throw new BackupError(
      `A RightsHub server is running on DATA_DIR=${config.dataDir}: stop it before "rightshub ${cmd}" (two processes on one embedded database would corrupt it).`,
    );
  }
  const database = await prepare(config);
  try {
    if (cmd === 'migrate') console.log('Migrations applied; reference data loaded.');
    else if (cmd === 'seed' && values.demo) {
      console.log(
        'Demo data loaded:',
        await seedDemo(database.db),
        await seedPressDemo(database.db),
        await seedLibraryDemo(database.db),
        await seedLibraryDemoFiles(database.db, createFileStore(config.dataDir)),
        await seedExhibitionsDemo(database.db),
        await seedRecommendationsDemo(database.db),
        await seedTrainingDemo(database.db),
        await seedRecommendationsDemoChain(database.db),
        await seedFactcheckDemo(database.db, config.baseUrl),
        await seedPlansDemo(database.db),
        await seedCycleDemo(database.db),
        await seedNotificationsDemo(database.db),
      );
      printDemoLogins(config);
    } else if (cmd === 'seed' && values['remove-demo'])
      console.log(
        'Demo data removed:',
        await removeNotificationsDemo(database.db),
        await removeCycleDemo(database.db),
        await removePlansDemo(database.db),
        await removeFactcheckDemo(database.db),
        await removeRecommendationsDemo(database.db),
        await removeTrainingDemo(database.db),
        await removeExhibitionsDemo(database.db),
        await removeLibraryDemo(database.db),
        await removePressDemo(database.db),
        await removeDemo(database.db),
      );
    else if (cmd === 'user' && sub === 'create') {
      if (!values.username || !values.password || !values.role) throw new Error('user create needs --username, --password and --role');
      const org = values.org ? await findOrganisationByCode(database.db, values.org) : undefined;
      if (values.org && !org) throw new Error(`No organisation has code ${values.org}`);
      const u = await createUser(database.db, systemActor('cli', 'rightshub user create'), {
        username: values.username,
        password: values.password,
        role: values.role,
        displayName: values.name ?? values.username,
        organisationId: org?.id ?? null,
        provinceCode: values.province ?? null,
      });
      console.log(`User ${u.username} (${u.role}) created with id ${u.id}.`);
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  // A configuration error ends with EX_CONFIG (78): npm start's supervisor and systemd (RestartPreventExitStatus=78) do
  // not restart what a restart cannot fix.
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(78);
  } else if (e?.name === 'AppError') {
    const a = e as AppError; // printed in both languages, Vietnamese first (kernel/messages)
    console.error(cliErrorText(a.code, a.message, a.text, a.details));
  }
  // A failed query's message carries its bound parameters (a password hash for `user create`): never printed.
  else console.error(e instanceof Error ? safeError(e).message : e);
  process.exit(1);
});
