#!/usr/bin/env node
// `npm test`: unit/integration tests (Vitest) then browser journeys (Playwright), one summary line.
//   npm test              both        npm test -- --unit   Vitest only        npm test -- --e2e   Playwright only
// The last line printed is always `N passed, N failed, N skipped`; the exit code is 1 if anything failed.
// TEST_DATABASE_URL (a PostgreSQL server) is passed through to both runners; without it tests use PGlite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webBuildIsStale } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const args = process.argv.slice(2).filter((a) => a !== '--');
const unknown = args.filter((a) => a !== '--unit' && a !== '--e2e');
if (unknown.length) {
  console.error(`Unknown argument(s): ${unknown.join(' ')}\nUsage: npm test [-- --unit | --e2e]`);
  process.exit(2);
}
const runUnit = !args.includes('--e2e') || args.includes('--unit');
const runE2e = !args.includes('--unit') || args.includes('--e2e');

function run(cmd, cmdArgs, env = process.env) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env, cwd: root });
  if (r.error) console.error(`could not run ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

function summary(t) {
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}

// 1. The browser (Debian's chromium, never a downloaded one) and xmllint (libxml2-utils: the OAI-PMH tests
//    validate every response against the official schemas with it), in one apt-get call.
const hasXmllint = () => !spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).error;
const needChromium = runE2e && !existsSync('/usr/bin/chromium');
const needXmllint = runUnit && !hasXmllint();
if (needChromium || needXmllint) {
  const missing = [needChromium && 'chromium (/usr/bin/chromium)', needXmllint && 'xmllint (libxml2-utils)'].filter(Boolean).join(' and ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Missing: ${missing}. Install, then run npm test again:\n  sudo apt-get update && sudo apt-get install -y chromium libxml2-utils`,
    );
    console.log(summary({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  }
  console.log(`Missing: ${missing}: installing with apt-get …`);
  if (
    run('sh', ['-c', 'apt-get update && apt-get install -y chromium libxml2-utils']) !== 0 ||
    (needChromium && !existsSync('/usr/bin/chromium')) ||
    (needXmllint && !hasXmllint())
  ) {
    console.error(`Installing ${missing} failed.`);
    console.log(summary({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  }
}

// 2. The workspace build, which the e2e server serves at /app (and some server tests may read).
if (webBuildIsStale(root)) {
  if (run('npx', ['vite', 'build']) !== 0) {
    console.error('vite build failed.');
    console.log(summary({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  }
}

const scratch = mkdtempSync(path.join(tmpdir(), 'rh-test-'));
const total = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

function add(label, counts) {
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  notes.push(`${label}: ${summary(counts)}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// 3. Vitest: its reporter (test/reporter.ts) writes the counts.
if (runUnit) {
  const countsFile = path.join(scratch, 'vitest.json');
  const status = run('npx', ['vitest', 'run'], { ...process.env, RH_COUNTS_FILE: countsFile });
  const c = readJson(countsFile);
  if (!c) add('vitest (crashed, no counts)', { passed: 0, failed: 1, skipped: 0 });
  else add('vitest', { passed: c.passed, failed: c.failed || (status !== 0 ? 1 : 0), skipped: c.skipped });
}

// 4. Playwright: counts from its JSON report.
if (runE2e) {
  const jsonFile = path.join(scratch, 'playwright.json');
  const status = run('npx', ['playwright', 'test'], { ...process.env, RH_PW_JSON: jsonFile });
  const r = readJson(jsonFile);
  if (!r?.stats) add('playwright (crashed, no report)', { passed: 0, failed: 1, skipped: 0 });
  else {
    const s = r.stats;
    const counts = { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
    const errors = Array.isArray(r.errors) ? r.errors.length : 0;
    if (errors && !counts.failed) counts.failed = errors;
    if (counts.passed + counts.failed + counts.skipped === 0) {
      console.error('playwright: no tests found (e2e/*.spec.ts) — counted as a failure');
      counts.failed = 1;
    }
    if (status !== 0 && !counts.failed) counts.failed = 1;
    add('playwright', counts);
  }
}

rmSync(scratch, { recursive: true, force: true });
console.log('\n' + notes.join('\n'));
console.log(summary(total));
process.exit(total.failed > 0 ? 1 : 0);
