import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const taskfile = parse(readFileSync(path.join(root, 'Taskfile.yml'), 'utf8')) as {
  version: string;
  tasks: Record<string, { desc?: string; cmds: string[] }>;
};
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const compose = parse(readFileSync(path.join(root, 'docker/compose.yaml'), 'utf8')) as {
  services: Record<string, { profiles?: string[] }>;
};
const deployDoc = readFileSync(path.join(root, 'docs/deploy.md'), 'utf8');

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

  it('offers the tasks a developer and an operator expect, each described', () => {
    expect(Object.keys(taskfile.tasks)).toEqual(
      expect.arrayContaining([
        ...['test', 'test:unit', 'test:integration', 'test:e2e', 'test:load', 'lint', 'start', 'migrate'],
        ...['build', 'up', 'down', 'logs', 'ps', 'k8s:up', 'k8s:down', 'k8s:deploy'],
      ]),
    );
    for (const [name, task] of Object.entries(taskfile.tasks)) {
      expect([name, task.desc]).toEqual([name, expect.stringMatching(/\w{3,}/)]);
    }
  });

  it('wraps npm scripts thinly, so `task X` is `npm run X`', () => {
    for (const [name, task] of Object.entries(taskfile.tasks)) {
      const match = /^npm (?:run (\S+)|ci)$/.exec(task.cmds[0]!);
      if (!match) continue;
      expect(task.cmds).toHaveLength(1);
      if (match[1]) {
        expect(match[1]).toBe(name);
        expect(scripts[name]).toBeDefined();
      }
    }
  });

  it('calls nothing but npm scripts and the delivery tools docs/deploy.md documents', () => {
    const documented: Record<string, RegExp> = {
      'docker compose': /^docker compose -p rookery -f docker\/compose\.yaml /,
      'docker build': /^docker build -f docker\/Dockerfile /,
      kind: /^kind /,
      sh: /^sh (deploy\/k8s\/\S+\.sh)$/,
    };
    for (const [name, task] of Object.entries(taskfile.tasks)) {
      for (const cmd of task.cmds) {
        if (/^npm (run \S+|ci)$/.test(cmd)) continue;
        const tool = Object.keys(documented).find((t) => documented[t]!.test(cmd));
        expect([name, cmd, tool]).toEqual([name, cmd, expect.any(String)]);
        expect(deployDoc).toContain(`\`${tool}`);
        const script = /^sh (\S+)$/.exec(cmd)?.[1];
        if (script) expect(existsSync(path.join(root, script))).toBe(true);
        for (const [, profile] of cmd.matchAll(/--profile (\S+)/g)) {
          expect(Object.values(compose.services).some((s) => s.profiles?.includes(profile!))).toBe(true);
        }
      }
    }
  });
});
