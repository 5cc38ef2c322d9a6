// Builds the web app into web/dist: type-check, then vite. Skipped when nothing it is built from changed since
// the last build (npm start and npm test build every time).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..', '..', '..');
const stamp = join(web, 'dist', '.inputs');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const hash = createHash('sha256');
// The shared modules the app compiles from source (vite.config.mts aliases) count as inputs too.
const shared = [join(repo, 'packages', 'lottery', 'src'), join(repo, 'packages', 'kz', 'src')].flatMap(files);
for (const file of [...files(web), ...shared, join(repo, 'package-lock.json')].sort()) {
  hash.update(relative(repo, file));
  hash.update(readFileSync(file));
}
const inputs = hash.digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs && process.argv[2] !== '--force') {
  console.log('web app: up to date');
  process.exit(0);
}
const bin = (name) => join(repo, 'node_modules', '.bin', name);
execFileSync(bin('tsc'), ['-p', join(web, 'tsconfig.json')], { stdio: 'inherit' });
execFileSync(bin('vite'), ['build', '--config', join(web, 'vite.config.mts'), '--logLevel', 'warn'], {
  stdio: 'inherit',
});
writeFileSync(stamp, inputs);
console.log('web app: built into', relative(repo, join(web, 'dist')));
