// The server log of a failing query: what failed (the SQL with its placeholders, SQLSTATE, the constraint), never
// the bound parameters (a password hash, personal data) nor the row data PostgreSQL puts in its DETAIL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/factories.js';
import { testConfig, testDatabase } from '../../../test/test-db.js';
import { buildApp } from '../app.js';
import { users } from '../modules/directory/directory.tables.js';
import type { Database } from './db.js';
import { safeError } from './logging.js';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQtMTIz$9vXb2Yq0fakeHashThatMustNeverBeLogged';
let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
const lines: string[] = [];
let existing: string;

beforeAll(async () => {
  database = await testDatabase();
  existing = (await makeUser(database.db, 'viewer')).username;
  app = await buildApp({
    config: testConfig({ LOG_LEVEL: 'info' }),
    database,
    logStream: {
      write: (l: string) => {
        lines.push(l);
      },
    },
  });
  app.get('/api/test/duplicate-user', async () => {
    await database.db.insert(users).values({ username: existing, displayName: 'Nguyễn Văn Bí Mật', passwordHash: HASH, role: 'viewer' });
    return { ok: true };
  });
  app.get('/api/test/bad-cast', async () => database.db.execute(sql`select ${'Trần Thị Riêng Tư'}::int as n`));
});
afterAll(() => app.close());

describe('the server log of a failing query', () => {
  it('names what failed without the bound parameters or row data', async () => {
    for (const url of ['/api/test/duplicate-user', '/api/test/bad-cast']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(500);
      expect(r.json().error).toMatchObject({ code: 'internal', message: 'Internal error; it has been logged' });
    }
    const log = lines.join('\n');
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unhandled error');
    expect(errors).toHaveLength(2);
    // What failed is there: the statement with its placeholders, SQLSTATE and the constraint.
    expect(log).toMatch(/insert into \\?"users\\?"/);
    expect(log).toContain('23505');
    expect(log).toContain('users_username');
    expect(log).toContain('22P02');
    // The values are not: the hash, the name, the existing user name (PostgreSQL's DETAIL: Key (username)=(…)).
    for (const secret of [HASH, 'argon2id', 'Nguyễn Văn Bí Mật', 'Trần Thị Riêng Tư', `(${existing})`])
      expect(log, secret).not.toContain(secret);
    expect(log).not.toMatch(/params:|Failing row|Key \(/);
  });

  it('blanks a parameter quoted in a message and drops what is not a name or a code', () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer: "4111 1111 1111 1111"'), {
      code: '22P02',
      detail: 'row data',
      where: 'x',
      params: ['4111 1111 1111 1111'],
      query: 'select $1::int',
    });
    const err = Object.assign(new Error('Failed query: select $1::int\nparams: 4111 1111 1111 1111'), {
      query: 'select $1::int',
      params: ['4111 1111 1111 1111'],
      cause,
    });
    const out = safeError(err);
    expect(JSON.stringify(out)).not.toContain('4111');
    expect(out).toMatchObject({
      message: 'Failed query: select $1::int',
      cause: { code: '22P02', message: 'invalid input syntax for type integer: "[redacted]"' },
    });
    expect(out.cause).not.toHaveProperty('detail');
    expect(out.stack.split('\n')[0]).toBe('Error: Failed query: select $1::int');
  });
});
