/**
 * CI-readable summary for Vitest 4: `N passed, N failed, N skipped` alone on the last line,
 * or, when RH_COUNTS_FILE is set, the same counts as JSON for scripts/test.mjs to add up.
 * A run that finds no test files, or whose files fail to load, counts as failed.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule, TestRunEndReason, TestSpecification } from 'vitest/node';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export default class CountsReporter implements Reporter {
  private specs = -1;
  private done = false;

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.specs = specifications.length;
    this.done = false;
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ): void {
    this.done = true;
    const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
    const notes: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else if (state === 'skipped') counts.skipped++;
        else {
          counts.failed++; // pending at the end: the run was cut short
          notes.push(`did not finish: ${test.fullName}`);
        }
      }
      // A file that failed to load (syntax error, failing beforeAll) has errors but maybe no tests.
      if (mod.errors().length > 0 || (mod.state() === 'failed' && !mod.children.size)) {
        counts.failed++;
        notes.push(`test file failed: ${mod.relativeModuleId}`);
      }
    }
    if (unhandledErrors.length > 0) {
      counts.failed += unhandledErrors.length;
      notes.push(`${unhandledErrors.length} unhandled error(s)`);
    }
    if (testModules.length === 0 || this.specs === 0) {
      counts.failed = Math.max(counts.failed, 1);
      notes.push('no test files found');
    }
    if (reason === 'interrupted' && counts.failed === 0) {
      counts.failed = 1;
      notes.push('test run interrupted');
    }
    emit(counts, notes);
  }
}

function emit(counts: Counts, notes: string[]): void {
  const file = process.env.RH_COUNTS_FILE;
  if (file) {
    writeFileSync(file, JSON.stringify({ ...counts, notes }) + '\n');
    for (const n of notes) process.stdout.write(`vitest: ${n}\n`);
    return;
  }
  for (const n of notes) process.stdout.write(`vitest: ${n}\n`);
  process.stdout.write(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
}
