import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manifest } from '../manifest';
import { renderFunctionsTf } from '../terraform/render';

/**
 * `npm run build:terraform`: regenerates terraform/functions.auto.tf.json from the manifest.
 * The file is checked in so `terraform plan` needs no Node; terraform/terraform.test.ts fails
 * when it is out of date.
 */
export const FUNCTIONS_TF = fileURLToPath(new URL('../../terraform/functions.auto.tf.json', import.meta.url));

export function renderFunctionsFile(): string {
  const header = { '//': 'Generated from infra/manifest.ts by `npm run build:terraform`. Do not edit.' };
  return `${JSON.stringify({ ...header, ...renderFunctionsTf(manifest) }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(FUNCTIONS_TF, renderFunctionsFile());
  // The repo's formatter owns JSON layout; the test compares parsed JSON, not text.
  execFileSync(fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url)), [
    'format',
    '--write',
    FUNCTIONS_TF,
  ]);
  process.stdout.write(`wrote ${FUNCTIONS_TF}\n`);
}
