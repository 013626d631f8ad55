/** `npm test`'s posttest: one plain closing line from Vitest's JSON report, for CI logs. */
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('build/test-results.json', 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
