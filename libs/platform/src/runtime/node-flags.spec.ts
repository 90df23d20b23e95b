import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_NODE_FLAGS } from './node-flags';

const root = join(__dirname, '..', '..', '..', '..');

describe('the flags the field runs with', () => {
  it('are on the command lines of `npm start` and `npm run start:built`', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const command = `node ${FIELD_NODE_FLAGS.join(' ')} dist/apps/field/src/main.js`;
    expect(scripts.start).toContain(command);
    expect(scripts['start:built']).toBe(command);
  });

  it("are on the Dockerfile's command line", () => {
    const command = readFileSync(join(root, 'Dockerfile'), 'utf8')
      .split('\n')
      .find((line) => line.startsWith('CMD ['));
    expect(JSON.parse(command?.slice('CMD '.length) ?? 'null')).toEqual([
      'node',
      ...FIELD_NODE_FLAGS,
      'dist/apps/field/src/main.js',
    ]);
  });
});
