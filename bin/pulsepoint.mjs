#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx pulsepoint ...` and `npm start` need no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../infra/local/cli.ts');
const result = await runCli(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
