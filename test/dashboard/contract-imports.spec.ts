import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as enums from '../../libs/contract/src/enums';
import * as fieldTime from '../../libs/contract/src/field-time';
import * as socketNames from '../../libs/contract/src/socket-names';
import * as sprt from '../../libs/contract/src/sprt';

const ROOT = join(__dirname, '..', '..');

/** Every file of the dashboard's sources, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The values (not types) a file imports from @app/contract. */
function valueImports(code: string): string[] {
  const names: string[] = [];
  for (const match of code.matchAll(/(?:import|export)\s+(type\s+)?\{([^}]*)\}\s*from\s*'@app\/contract'/g)) {
    if (match[1]) continue;
    for (const part of match[2].split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name && !name.startsWith('type ')) names.push(name);
    }
  }
  return names;
}

describe('what the dashboard takes from the contract', () => {
  // The contract's other modules build zod schemas at load time; a value taken from one of them
  // would pull zod (about 60 kB gzipped) into every page of the dashboard.
  it('takes values only from its zod-free modules: the enumerations, the socket names, the wall clock and the SPRT', () => {
    const pure = new Set([
      ...Object.keys(enums),
      ...Object.keys(socketNames),
      ...Object.keys(fieldTime),
      ...Object.keys(sprt),
    ]);
    const files = sources(join(ROOT, 'apps', 'dashboard', 'src'));
    const imports = files.flatMap((file) => valueImports(readFileSync(file, 'utf8')).map((name) => ({ name, file })));
    expect(imports.map(({ name }) => name)).toEqual(expect.arrayContaining(['DOMAINS', 'WATCH_NAMESPACE']));
    expect(imports.filter(({ name }) => !pure.has(name))).toEqual([]);
  });

  it('keeps those modules free of imports', () => {
    for (const module of ['enums.ts', 'socket-names.ts', 'field-time.ts', 'sprt.ts']) {
      const code = readFileSync(join(ROOT, 'libs', 'contract', 'src', module), 'utf8');
      expect(code).not.toMatch(/^import\s/m);
    }
  });
});
