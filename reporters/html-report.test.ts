import { test, expect } from '@playwright/test';
import { outsideReferences, stripAnalytics } from './html-report.js';
import { partnerTestCaseUrl } from './allure/partner-link.js';

const PAGE = `<!DOCTYPE html><html><head><link rel="preload" href="fonts/a.woff" as="font"><script>window.x = "https://allurereport.org";</script></head>
<body><div id="app"></div>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
</script>
<script src="app.js"></script></body></html>`;

test('the analytics tags are stripped and nothing else loads from another host', () => {
  expect(outsideReferences(PAGE)).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-1']);
  const stripped = stripAnalytics(PAGE);
  expect(stripped).not.toMatch(/googletagmanager|gtag\(/);
  expect(stripped).toContain('<script src="app.js"></script>');
  // A URL inside a script's text is data, not a load.
  expect(outsideReferences(stripped)).toEqual([]);
  expect(
    outsideReferences('<link rel="stylesheet" href="//cdn.example/x.css"><style>@import url("https://f.example/a.css")</style>'),
  ).toEqual(['//cdn.example/x.css', 'https://f.example/a.css']);
});

test('partner test-case ids link through a URL template', () => {
  expect(partnerTestCaseUrl('IR24-LU-01', 'https://tc.example/cases/{id}')).toBe('https://tc.example/cases/IR24-LU-01');
  expect(partnerTestCaseUrl('a b/c', 'https://tc.example/{id}')).toBe('https://tc.example/a%20b%2Fc');
  expect(partnerTestCaseUrl('IR24-LU-01', undefined)).toBeUndefined();
  expect(() => partnerTestCaseUrl('IR24-LU-01', 'tc.example/cases')).toThrow(
    /^\[roam\] Failed to link partner test case "IR24-LU-01": .*Set ROAM_PARTNER_TC_URL to a URL such as/,
  );
});

test('a non-empty output folder that holds no report is never cleared', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, existsSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { buildHtmlReport } = await import('./html-report.js');
  const dir = mkdtempSync(join(tmpdir(), 'roam-report-'));
  try {
    mkdirSync(join(dir, 'allure-results'));
    writeFileSync(join(dir, 'allure-results', 'a-result.json'), JSON.stringify({ uuid: 'a', name: 'attach', status: 'passed' }));
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    await expect(buildHtmlReport({ cwd: dir, outputDir: '.', historyPath: false })).rejects.toThrow(
      /^\[roam\] Failed to build the HTML report in .*: the folder is not empty and holds no earlier report\. Choose an empty or new output folder/,
    );
    expect(existsSync(join(dir, 'precious.txt'))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
