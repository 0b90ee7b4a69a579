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
  private result: { counts: Counts; notes: string[] } | null = null;

  onInit(): void {
    // Print at process exit, after everything Vitest writes, so the line really is the last one;
    // a run that dies before its end (failing global setup, config error) still reports a failure.
    process.once('exit', () => {
      const r = this.result ?? {
        counts: { passed: 0, failed: 1, skipped: 0 },
        notes: ['the test run did not complete (see the error above)'],
      };
      emit(r.counts, r.notes);
    });
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.specs = specifications.length;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
    const notes: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else if (state === 'skipped') counts.skipped++;
        else {
          counts.failed++; // still pending at the end: the run was cut short
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
      notes.push(this.specs === 0 ? 'no test files found' : 'no test file ran (see the error above)');
    }
    if (reason === 'interrupted' && counts.failed === 0) {
      counts.failed = 1;
      notes.push('test run interrupted');
    }
    this.result = { counts, notes };
  }
}

function emit(counts: Counts, notes: string[]): void {
  const file = process.env.RH_COUNTS_FILE;
  for (const n of notes) process.stdout.write(`vitest: ${n}\n`);
  if (file) writeFileSync(file, JSON.stringify({ ...counts, notes }) + '\n');
  else process.stdout.write(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
}
