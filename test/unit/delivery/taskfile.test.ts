import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const taskfile = parse(readFileSync(path.join(root, 'Taskfile.yml'), 'utf8')) as {
  version: string;
  tasks: Record<string, { cmds: string[] }>;
};
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('Taskfile.yml', () => {
  it('is a valid go-task v3 file', () => {
    const schema = JSON.parse(
      readFileSync(path.join(root, 'test/fixtures/schemas/taskfile.schema.json'), 'utf8'),
    );
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, taskfile);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(taskfile.version).toBe('3');
  });

  it('offers the tasks a developer expects', () => {
    expect(Object.keys(taskfile.tasks)).toEqual(
      expect.arrayContaining([
        'test',
        'test:unit',
        'test:integration',
        'test:e2e',
        'lint',
        'start',
        'migrate',
      ]),
    );
  });

  it('wraps npm scripts thinly, so `task X` is `npm run X`', () => {
    for (const [name, task] of Object.entries(taskfile.tasks)) {
      expect(task.cmds).toHaveLength(1);
      const match = /^npm (?:run (\S+)|ci)$/.exec(task.cmds[0]!);
      expect(match).not.toBeNull();
      if (match?.[1]) {
        expect(match[1]).toBe(name);
        expect(scripts[name]).toBeDefined();
      }
    }
  });
});
