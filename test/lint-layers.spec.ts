import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

/** Lints one import line as if written in `file`, with the house's layering rule only. */
function crossings(cases: { file: string; source: string }[]): string[][] {
  // The rule is an ES module and jest runs CommonJS, so ESLint's Linter runs in a child Node.
  const script = `
    import { Linter } from 'eslint';
    import boundaries from './tools/eslint/boundaries.mjs';
    const linter = new Linter({ configType: 'flat' });
    const config = [{ files: ['**/*.ts'], plugins: { boundaries }, rules: { 'boundaries/layers': 'error' } }];
    const cases = JSON.parse(process.argv[1]);
    const results = cases.map(({ file, source }) =>
      linter.verify(source, config, { filename: ${JSON.stringify(root)} + '/' + file }).map((m) => m.message));
    process.stdout.write(JSON.stringify(results));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: root,
  });
  return JSON.parse(output.toString()) as string[][];
}

describe('the layering rule', () => {
  it('lets a library import lower ranks, and apps import any library', () => {
    expect(
      crossings([
        { file: 'libs/scoring/src/a.ts', source: "import { x } from '@app/telemetry';" },
        { file: 'libs/identity/src/a.ts', source: "import { x } from '@app/platform';" },
        { file: 'apps/field/src/a.ts', source: "import { x } from '@app/reports';" },
        { file: 'libs/scoring/src/a.ts', source: "import { x } from './metrics/catalog';" },
      ]),
    ).toEqual([[], [], [], []]);
  });

  it('refuses an import upwards, between siblings, into another library, into an app, or of an unranked library', () => {
    const [up, sibling, inside, app, unranked, unrankedFile] = crossings([
      { file: 'libs/scheduling/src/a.ts', source: "import { x } from '@app/scoring';" },
      { file: 'libs/identity/src/a.ts', source: "import { x } from '@app/field';" },
      { file: 'libs/reports/src/a.ts', source: "import { x } from '@app/scoring/evaluations/score';" },
      { file: 'libs/reports/src/a.ts', source: "import { x } from '../../../apps/field/src/main';" },
      { file: 'libs/reports/src/a.ts', source: "import { x } from '@app/lockers';" },
      { file: 'libs/lockers/src/a.ts', source: "import { x } from '@app/platform';" },
    ]);
    expect(up).toEqual([expect.stringMatching(/scheduling \(rank 3\) may not import scoring \(rank 6\)/)]);
    expect(sibling).toEqual([expect.stringMatching(/identity \(rank 2\) may not import field \(rank 2\)/)]);
    expect(inside).toEqual([expect.stringMatching(/its files are private/)]);
    expect(app).toEqual([expect.stringMatching(/a library never imports an app/)]);
    expect(unranked).toEqual([expect.stringMatching(/libs\/lockers has no rank/)]);
    expect(unrankedFile).toEqual(expect.arrayContaining([expect.stringMatching(/libs\/lockers has no rank/)]));
  });
});

describe('the rule that domain rule files import no framework', () => {
  it('refuses Nest and TypeORM in a listed rule file and in a *-rules.ts file, not in a service', () => {
    // The house's own ESLint config, so this checks the file lists in eslint.config.mjs as they are.
    const script = `
      import { ESLint } from 'eslint';
      const eslint = new ESLint({ cwd: process.cwd() });
      const source = "import { Injectable } from '@nestjs/common';\\nimport { DataSource } from 'typeorm';\\nexport const used = [Injectable, DataSource];\\n";
      const files = JSON.parse(process.argv[1]);
      const results = [];
      for (const file of files) {
        const [result] = await eslint.lintText(source, { filePath: process.cwd() + '/' + file });
        results.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length);
      }
      process.stdout.write(JSON.stringify(results));`;
    const files = [
      'libs/scheduling/src/sessions/session-state.ts',
      'libs/scheduling/src/sessions/booking-rules.ts',
      'libs/scoring/src/metrics/catalog.ts',
      'libs/scheduling/src/sessions/sessions.controller.ts',
    ];
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], {
      cwd: root,
    });
    expect(JSON.parse(output.toString())).toEqual([2, 2, 2, 0]);
  });
});
