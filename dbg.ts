import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from './infra/local/runtime';
import { loadConfig } from './shared/config';
import { buildWebApp, captureConsoleErrors, launchChromium } from './test/e2e/browser';
import { seedDemoBrand } from './test/e2e/seed';

const dir = mkdtempSync(join(tmpdir(), 'pp-'));
await buildWebApp(join(dir, 'web'));
const config = loadConfig({
  PULSEPOINT_DATA_DIR: join(dir, 'data'),
  PULSEPOINT_SANDBOXES: 'false',
  LOG_LEVEL: 'WARNING',
});
const rt = await startLocalRuntime({ ...config, PORT: 0 }, { webDist: join(dir, 'web') });
await seedDemoBrand(rt.embedded.deps);
const b = await launchChromium();
const page = await b.newPage({ viewport: { width: 1280, height: 900 } });
const errs = captureConsoleErrors(page);
await page.goto(rt.url + '/');
await page.getByRole('button', { name: 'Sign in to the demo' }).click();
await page.waitForTimeout(3000);
for (const path of (process.argv[2] ?? '/brands/demo-brand').split(',')) {
  await page.goto(rt.url + path);
  await page.waitForTimeout(2500);
  const name = path.replace(/\W+/g, '_');
  await page.screenshot({ path: `/tmp/shot${name}.png`, fullPage: true });
  console.log(path, (await page.locator('main').innerText()).slice(0, 400));
}
console.log(errs);
await b.close();
await rt.close(500);
