import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder this install of the field lives in: the nearest folder above this file holding a
 * package.json. The same walk works from the sources (tests) and from the compiled `dist/` tree.
 */
export function installRoot(from: string = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return folder;
}

let cachedVersion: string | undefined;

/** The version of the field software, as its package.json declares it. */
export function fieldVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(installRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  return cachedVersion;
}
