import { test, expect } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot, runNode } from '../support/inline-project.js';
import { serveFolder } from '../support/static-server.js';

test.describe.configure({ timeout: 180_000 });

test('npm run demo prints the path of an Allure report that shows the attach and its steps, offline', async ({ page }) => {
  const output = join(repoRoot, '.inline', `demo-${process.pid}-${Date.now()}`);
  try {
    const { code, output: log } = await runNode([join(repoRoot, 'dist', 'cli', 'main.js'), 'demo', '--output', output], repoRoot);
    expect(code, log).toBe(0);
    const printed = /\[roam\] Allure report: (.+index\.html)/.exec(log)?.[1];
    expect(printed, log).toBe(join(output, 'allure-report', 'index.html'));
    expect(readFileSync(printed!, 'utf8')).not.toMatch(/googletagmanager|gtag\(/);

    await using server = await serveFolder(dirname(printed!));
    const outside: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
    await page.goto(server.url);
    await page.getByText('scenario-library.demo.js').click();
    await page.getByText('specs/library/happy-path-attach.roam.yaml').click();
    await page.getByText('IR24-LU-01: A German roamer attaches in France').first().click();
    await expect(page.getByText('Test body')).toBeVisible();
    const attachStep = page.getByText(/^attach travellers \(3\) in 208-01$/);
    await expect(attachStep).toBeVisible();
    await attachStep.click();
    const subscriberStep = page.getByText(/^attach sub_[0-9a-f]{16} in 208-01$/).first();
    await subscriberStep.click();
    await expect(page.getByText('Attach Request').first()).toBeVisible();
    await expect(page.getByText('Authentication Response').first()).toBeVisible();
    await page.getByText('Attach Request').first().click();
    await expect(page.getByText(/^SendAuthInfo vlr:208-01 → hlr:262-01 \(\d+\.\d ms\)$/).first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('allure-report.png'), fullPage: true });
    expect(outside).toEqual([]);
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
});
