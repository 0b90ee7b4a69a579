// Backup and restore (issue 16, finding 6) on real files and a real database — the embedded one by default, PostgreSQL
// when TEST_DATABASE_URL is set: back up (PGlite: through the running server's socket), change records and files,
// restore onto an empty target, and compare every table (row count and a content hash computed here, independently
// of the implementation) and every stored file byte for byte with the state at backup time; the restored data serves
// its files. A corrupted archive is refused naming the broken entry; a non-empty target is refused and left untouched.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { testConfig } from '../../../test/test-db.js';
import { buildApp } from '../app.js';
import { attachProductFile, removeProductFile } from '../modules/library/library.files.js';
import { createProduct, publishProduct } from '../modules/library/library.write.js';
import { updateOrganisation } from '../modules/directory/organisations.service.js';
import { createBackup, restoreBackup, verifyBackup } from './backup.js';
import { openBackupChannel, type BackupChannel } from './backup.database.js';
import { openPg, openPglite, rows, type Database, type Db } from './db.js';
import { createFileStore } from './storage.js';

const PG = process.env.TEST_DATABASE_URL;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const dir = (name: string) => path.join(tmp, name);

type Q = (text: string) => Promise<Record<string, unknown>[]>;
type Contents = Record<string, { rows: number; md5: string }>;

/** Every base table's row count and the MD5 of its rows' text in sorted order. */
async function contents(q: Q): Promise<Contents> {
  for (const s of ["set local timezone = 'UTC'", "set local datestyle = 'ISO, YMD'", 'set local extra_float_digits = 1']) await q(s);
  const tables = await q(`select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`);
  const out: Contents = {};
  for (const { s, t } of tables) {
    const [r] = await q(
      `select count(*)::int as n, md5(coalesce(string_agg(whole_row::text, E'\\n' order by whole_row::text), '')) as h from "${String(s)}"."${String(t)}" whole_row`,
    );
    out[`${String(s)}.${String(t)}`] = { rows: Number(r!.n), md5: String(r!.h) };
  }
  return out;
}

async function contentsOf(database: Database, url?: string): Promise<Contents> {
  if (database.pglite)
    return database.pglite.transaction((tx) => contents(async (text) => (await tx.query<Record<string, unknown>>(text)).rows));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    return await contents(async (text) => (await client.query(text)).rows);
  } finally {
    await client.end();
  }
}

/** Every file under DATA_DIR/files: relative path → bytes. */
function filesOf(dataDir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dataDir, p), fs.readFileSync(p));
    }
  };
  walk(path.join(dataDir, 'files'));
  return out;
}

const png = (colour: string) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: colour } })
    .png()
    .toBuffer();

async function publishedProductWithFile(db: Db, dataDir: string, organisationId: number, title: string, bytes: Buffer, filename: string) {
  const p = await createProduct(db, seedActor, {
    kind: 'video',
    organisationId,
    channel: 'social_media',
    date: '2025-03-02',
    texts: [{ language: 'vie', title, description: 'Mô tả thử' }],
    languages: ['vie'],
    audiences: [],
    topicIds: [],
    relations: [],
    rights: null,
    licence: null,
    url: null,
  });
  await publishProduct(db, seedActor, p.id, new Date('2025-03-03T03:00:00Z'));
  const f = await attachProductFile(db, createFileStore(dataDir), seedActor, p.id, { bytes, filename, caption: `Tệp ${filename}` });
  return { productId: p.id, fileId: f.id };
}

/** One back-up-change-restore scenario over a source that `open` makes and `emptyTarget` targets. */
function scenario(
  kind: 'pglite' | 'pg',
  env: {
    open(): Promise<{ database: Database; url?: string; channel?: BackupChannel }>;
    emptyTarget(): Promise<{ url?: string; dataDir: string; open(): Promise<Database> }>;
  },
) {
  const src = dir(`${kind}-src`);
  const archive = dir(`${kind}.tar`);
  let source: { database: Database; url?: string; channel?: BackupChannel };
  let expectedTables: Contents;
  let expectedFiles: Map<string, Buffer>;
  let first: { productId: number; fileId: number; bytes: Buffer };
  let orgId: number;

  beforeAll(async () => {
    source = await env.open();
    const db = source.database.db;
    orgId = (await makeOrg(db, { nameVi: 'Sở Tư pháp sao lưu thử' })).id;
    const bytes = await png('#c03030');
    first = { ...(await publishedProductWithFile(db, src, orgId, 'Phóng sự về quyền trẻ em', bytes, 'anh-mot.png')), bytes };
    await publishedProductWithFile(
      db,
      src,
      orgId,
      'Tài liệu tập huấn',
      Buffer.from('Quyền con người — tài liệu tập huấn\n'.repeat(50), 'utf8'),
      'tai-lieu.txt',
    );
    await publishedProductWithFile(db, src, orgId, 'Ảnh hội thảo', await png('#3050c0'), 'anh-hai.png');
  });
  afterAll(async () => {
    await source?.channel?.close();
    await source?.database.close().catch(() => {});
  });

  it('backs up, and a restore onto an empty target brings back every table and every stored file byte for byte', async () => {
    expectedTables = await contentsOf(source.database, source.url);
    expectedFiles = filesOf(src);
    expect(expectedFiles.size).toBe(5); // three files, two PNG thumbnails
    expect(expectedTables['public.library_files']!.rows).toBe(3);

    const r = await createBackup({ databaseUrl: source.url, dataDir: src }, archive);
    expect(r.manifest.database.kind).toBe(kind);
    expect(r.manifest.database.copiedBy).toMatch(kind === 'pglite' ? /running server/ : /^pg_dump \d+/);
    expect(r.manifest.schema.migration).toMatch(/^\d{4}_/);
    expect(r.manifest.problems).toEqual([]);
    expect(
      r.manifest.entries
        .filter((e) => e.path.startsWith('files/'))
        .map((e) => e.path)
        .sort(),
    ).toEqual([...expectedFiles.keys()].sort());
    // One ordinary tar: the operator's tools read it.
    const listed = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(
      expect.arrayContaining(['manifest.json', 'manifest.json.sha256', r.manifest.database.entry, ...expectedFiles.keys()]),
    );

    // Change records and files after the backup.
    const db = source.database.db;
    await updateOrganisation(db, seedActor, orgId, { code: `BK-${Date.now() % 100000}`, nameVi: 'Tên đã đổi sau sao lưu', kind: 'other' });
    await removeProductFile(db, seedActor, first.productId, first.fileId);
    await publishedProductWithFile(db, src, orgId, 'Sản phẩm sau sao lưu', await png('#30c050'), 'anh-moi.png');
    const changed = await contentsOf(source.database, source.url);
    expect(changed['public.library_files']).not.toEqual(expectedTables['public.library_files']);
    expect(changed['public.organisations']).not.toEqual(expectedTables['public.organisations']);
    expect(filesOf(src).size).toBe(7);

    const target = await env.emptyTarget();
    const restored = await restoreBackup({ databaseUrl: target.url, dataDir: target.dataDir }, archive);
    expect(restored.files).toBe(5);
    const database = await target.open();
    try {
      expect(await contentsOf(database, target.url)).toEqual(expectedTables);
      const files = filesOf(target.dataDir);
      expect([...files.keys()].sort()).toEqual([...expectedFiles.keys()].sort());
      for (const [name, bytes] of expectedFiles) expect(files.get(name)!.equals(bytes), name).toBe(true);
      // The restored data serves the file that was removed from the source after the backup.
      const app = await buildApp({ config: testConfig({ DATA_DIR: target.dataDir }), database, logger: false });
      try {
        const res = await app.inject({ method: 'GET', url: `/api/library/files/${first.fileId}` });
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload.equals(first.bytes)).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });

  it('refuses a corrupted archive, naming the broken entry, and leaves the target empty', async () => {
    const bytes = fs.readFileSync(archive);
    const sha = crypto.createHash('sha256').update(first.bytes).digest('hex');
    const at = bytes.indexOf(first.bytes);
    expect(at).toBeGreaterThan(0);
    const flipped = Buffer.from(bytes);
    flipped[at + Math.floor(first.bytes.length / 2)]! ^= 0x01;
    const bad = dir(`${kind}-flipped.tar`);
    fs.writeFileSync(bad, flipped);
    await expect(verifyBackup(bad)).rejects.toThrow(new RegExp(`files/${sha.slice(0, 2)}/${sha}: its content does not match its SHA-256`));

    const inDb = Buffer.from(bytes);
    inDb[512 + 2000]! ^= 0x80; // inside the first entry: the database
    fs.writeFileSync(bad, inDb);
    await expect(verifyBackup(bad)).rejects.toThrow(/database\/(pglite-datadir\.tar\.gz|postgres\.pgdump): its content does not match/);

    const target = await env.emptyTarget();
    await expect(restoreBackup({ databaseUrl: target.url, dataDir: target.dataDir }, bad)).rejects.toThrow(/is damaged; do not restore it/);
    expect(fs.existsSync(path.join(target.dataDir, 'db'))).toBe(false);
    expect(filesOf(target.dataDir).size).toBe(0);
    if (target.url) expect(await contentsOf({ kind: 'pg' } as Database, target.url)).toEqual({});
  });

  it('refuses to restore onto a database or data directory that is not empty, and changes nothing', async () => {
    // The source itself: its database and its files.
    const before = await contentsOf(source.database, source.url);
    const filesBefore = filesOf(src).size;
    await expect(restoreBackup({ databaseUrl: source.url, dataDir: src }, archive)).rejects.toThrow(
      /Refusing to restore: the target is not empty/,
    );
    expect(await contentsOf(source.database, source.url)).toEqual(before);
    expect(filesOf(src).size).toBe(filesBefore);

    // An empty database, but DATA_DIR/files holds a file.
    const target = await env.emptyTarget();
    fs.mkdirSync(path.join(target.dataDir, 'files', 'ab'), { recursive: true });
    fs.writeFileSync(path.join(target.dataDir, 'files', 'ab', 'ab'.padEnd(64, '0')), 'x');
    await expect(restoreBackup({ databaseUrl: target.url, dataDir: target.dataDir }, archive)).rejects.toThrow(/files holds files/);
  });

  it('a backup taken while records are being written is one consistent state', async () => {
    const db = source.database.db;
    let stop = false,
      written = 0;
    const writing = (async () => {
      while (!stop) {
        await makeOrg(db, { nameVi: `Ghi trong lúc sao lưu ${written}` });
        written++;
        await new Promise((r) => setImmediate(r)); // PGlite answers without I/O: let the event loop run, as requests would
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const busy = dir(`${kind}-busy.tar`);
    const r = await createBackup({ databaseUrl: source.url, dataDir: src }, busy).finally(() => {
      stop = true;
    });
    await writing;
    const target = await env.emptyTarget();
    await restoreBackup({ databaseUrl: target.url, dataDir: target.dataDir }, busy); // compares every table with the manifest
    const database = await target.open();
    try {
      // Each organisation and its audit row were written in one transaction: the copy has both or neither.
      const count = async (text: string) => Number((await rows<{ n: number }>(database.db, sql.raw(text)))[0]!.n);
      const orgs = await count(`select count(*)::int as n from organisations where name_vi like 'Ghi trong lúc sao lưu %'`);
      const audited = await count(
        `select count(*)::int as n from audit_log where entity = 'organisation' and action = 'create' and after->>'nameVi' like 'Ghi trong lúc sao lưu %'`,
      );
      expect(orgs).toBeGreaterThan(0);
      expect(orgs).toBe(audited);
      expect(orgs).toBeLessThanOrEqual(written);
      expect(r.manifest.tables.find((t) => t.name === 'public.organisations')!.rows).toBe(
        (await contentsOf(database, target.url))['public.organisations']!.rows,
      );
    } finally {
      await database.close();
    }
  });
}

// Skipped on PostgreSQL: this backup copies PGlite's data directory; the PostgreSQL backup (pg_dump) is tested above.
describe.skipIf(PG)('backup and restore on the embedded database (PGlite)', () => {
  let n = 0;
  scenario('pglite', {
    async open() {
      const dataDir = dir('pglite-src');
      // The server's way: claim DATA_DIR (the backup socket), then open the database from the migrated template.
      const channel = await openBackupChannel(dataDir);
      const database = await openPglite(path.join(dataDir, 'db'), new Blob([fs.readFileSync(inject('pgliteDump'))]));
      channel.serve(database.pglite!);
      return { database, channel };
    },
    async emptyTarget() {
      const dataDir = dir(`pglite-target-${++n}`);
      return { dataDir, open: () => openPglite(path.join(dataDir, 'db')) };
    },
  });

  it('without a running server, backs up the stopped data directory itself, and refuses one another process holds', async () => {
    const dataDir = dir('pglite-stopped');
    const database = await openPglite(path.join(dataDir, 'db'), new Blob([fs.readFileSync(inject('pgliteDump'))]));
    const org = await makeOrg(database.db, { nameVi: 'Tổ chức dừng máy' });
    const expected = await contentsOf(database);
    // Open in this process (as `rightshub migrate` would be) and no server answering: refused.
    await expect(createBackup({ dataDir }, dir('held.tar'))).rejects.toThrow(/is open in another process, or was not shut down cleanly/);
    await database.close();
    const r = await createBackup({ dataDir }, dir('stopped.tar'));
    expect(r.manifest.database.copiedBy).toMatch(/stopped data directory/);
    await expect(createBackup({ dataDir }, dir('stopped.tar'))).rejects.toThrow(/already exists/);
    const target = dir('pglite-stopped-target');
    await restoreBackup({ dataDir: target }, dir('stopped.tar'));
    const restored = await openPglite(path.join(target, 'db'));
    try {
      expect(await contentsOf(restored)).toEqual(expected);
      expect((await contentsOf(restored))['public.organisations']!.rows).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
    expect(org.id).toBeGreaterThan(0);
  });

  it('a second server on the same data directory is refused while the first runs', async () => {
    const dataDir = dir('pglite-two');
    const first = await openBackupChannel(dataDir);
    await expect(openBackupChannel(dataDir)).rejects.toThrow(/Another RightsHub process is running on DATA_DIR/);
    await first.close();
    const again = await openBackupChannel(dataDir); // the socket is free again
    await again.close();
  });
});

describe.runIf(PG)('backup and restore on PostgreSQL (pg_dump, pg_restore)', () => {
  const admin = new pg.Client({ connectionString: PG });
  const created: string[] = [];
  const urlOf = (name: string) => {
    const u = new URL(PG!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  // Named after the run's template, so the run's teardown drops any this file's own clean-up missed.
  const newDatabase = async (what: string, template: string) => {
    const name = `${inject('pgTemplate')}_t_bk${what}_${crypto.randomBytes(4).toString('hex')}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        break;
      } catch (e) {
        if (attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    created.push(name);
    return urlOf(name);
  };
  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  let n = 0;
  scenario('pg', {
    async open() {
      const url = await newDatabase('src', inject('pgTemplate'));
      return { database: openPg(url, 2), url };
    },
    async emptyTarget() {
      const url = await newDatabase('dst', 'template0');
      return { url, dataDir: dir(`pg-target-${++n}`), open: async () => openPg(url, 2) };
    },
  });
});
