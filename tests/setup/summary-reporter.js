/**
 * Prints the run's closing line, "N passed, N failed" (", N skipped" when any were skipped), as the very
 * last line: Jest prints its own summary after every reporter has finished, so the line waits for exit.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.once('exit', () => process.stderr.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
