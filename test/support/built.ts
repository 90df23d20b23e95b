import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The compiled entry points that child-process tests start (`npm test` builds first). */
export function builtEntry(name: 'main' | 'migrate'): string {
  const file = join(__dirname, '..', '..', 'dist', 'apps', 'field', 'src', `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does)`);
  return file;
}
