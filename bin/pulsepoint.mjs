#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx pulsepoint ...` and `npm start` need no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../infra/local/cli.ts');
const result = await runCli(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
// A failed command may leave work half-started (a `start` whose port was taken has its queues
// and sandboxes up): nothing more will happen, so it ends here rather than hanging.
if (result.exitCode !== 0) process.exit(result.exitCode);
process.exitCode = result.exitCode;
