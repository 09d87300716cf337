import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * `npm start`'s first step: the local runtime serves web/dist, which a fresh clone does not have.
 * Builds it when it is missing or older than any of its sources, and otherwise does nothing, so
 * only the first start (or one after a web change) pays for the build.
 */
const web = fileURLToPath(new URL('../../web/', import.meta.url));
const built = join(web, 'dist', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  return existsSync(built) && statSync(built).mtimeMs >= newestSource(web);
}

if (!webBuildIsCurrent()) {
  process.stdout.write('Building the web app (web/dist)…\n');
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
}
