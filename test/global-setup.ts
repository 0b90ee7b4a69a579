// Migrate once for the whole run: a PGlite data-dir dump (PGlite) or a template database (PostgreSQL,
// when TEST_DATABASE_URL is set) that every test file clones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPg, openPglite } from '../src/server/kernel/db.js';
import { loadAllReference } from '../src/server/modules/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `rh_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const u = new URL(url);
    u.pathname = `/${template}`;
    const database = openPg(u.toString(), 2);
    await database.migrate();
    await loadAllReference(database.db);
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteDump', '');
    return async () => {
      // Every database of this run: the template and the test files' clones (rh_tpl_PID_t_…).
      const clones = await admin
        .query<{ datname: string }>(`select datname from pg_database where datname like '${template}\\_t\\_%'`)
        .catch(() => ({ rows: [] as { datname: string }[] }));
      for (const c of clones.rows) await admin.query(`drop database if exists "${c.datname}" with (force)`).catch(() => undefined);
      await admin.query(`drop database if exists ${template} with (force)`).catch(() => undefined);
      await admin.end();
    };
  }
  const database = await openPglite();
  await database.migrate();
  await loadAllReference(database.db);
  // dumpDataDir is on the PGlite client; reach it through the drizzle session.
  const client = (database.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rh-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
