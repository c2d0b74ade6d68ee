// Runs `npm ci` only when package-lock.json differs from what node_modules was installed from, so a Maven build
// with unchanged dependencies spends no time reinstalling them. Uses the system node and npm.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const web = new URL('..', import.meta.url);
const lock = readFileSync(new URL('package-lock.json', web));
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = new URL('node_modules/.muse-lock-sha256', web);

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) {
  console.log('web: dependencies up to date');
  process.exit(0);
}
// npm ci removes node_modules itself but sometimes fails on a busy tree (ENOTEMPTY); retrying here is robust.
rmSync(new URL('node_modules', web), { recursive: true, force: true, maxRetries: 5 });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: web, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, wanted + '\n');
