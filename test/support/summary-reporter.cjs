/**
 * Prints one machine-readable line after Jest's own summary, e.g.
 * `jest: 412 passed, 0 failed`. A run that executed no test prints `0 passed` and is
 * told apart from a green one by CI.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
