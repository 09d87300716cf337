import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS } from '../shared/kernel/config';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('documents every configuration variable exactly as the schema does', () => {
    for (const [name, meaning] of Object.entries(CONFIG_DOCS))
      expect(readme).toContain(`| \`${name}\` | ${meaning} |`);
  });
});
