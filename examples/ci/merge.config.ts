// Used by `playwright merge-reports --config merge.config.ts` in the report job:
// the HTML report of every shard, and the SLO summary of the whole run.
export default {
  testDir: 'tests',
  reporter: [
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    ['roaming-harness/reporters/slo-summary', { outputDir: 'slo-summary', jobSummary: false }],
  ],
};
