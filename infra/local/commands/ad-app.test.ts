import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli';

const dir = mkdtempSync(join(tmpdir(), 'pp-ad-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const empty = join(dir, 'empty.txt');
writeFileSync(empty, '\n');

describe('pulsepoint ad-app set', () => {
  it.each([
    [['set', 'myspace', '--client-id', 'x', '--client-secret-file', empty], /usage: pulsepoint ad-app set/],
    [['set', 'meta', '--client-secret-file', empty], /--client-id: required/],
    [['set', 'meta', '--client-id', 'x'], /--client-secret-file: required/],
    [['set', 'meta', '--client-id', 'x', '--client-secret-file', empty], /empty\.txt:1: the file is empty/],
    [['set', 'meta', '--client-id', 'x', '--client-secret-file', join(dir, 'nope')], /cannot read .*nope/],
  ])('refuses %j, naming what is wrong', async (args, message) => {
    const out = await runCli(['ad-app', ...args], { PULSEPOINT_DATA_DIR: dir });
    expect(out).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(message) });
  });
});
