// Runs `npm ci` unless node_modules already matches package-lock.json (used by the Maven build).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');

function upToDate() {
  if (!existsSync(installed)) return false;
  try {
    const want = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
    const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
    for (const [path, meta] of Object.entries(want)) {
      if (path === '' || meta.optional && !have[path]) continue;
      if (!have[path] || have[path].version !== meta.version) return false;
    }
    return true;
  } catch {
    return false;
  }
}

if (process.env.JB_FORCE_NPM_CI === '1' || !upToDate()) {
  console.log('[web] npm ci');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
} else {
  console.log('[web] node_modules is up to date with package-lock.json');
}
