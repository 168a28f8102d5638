import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { environmentSchema } from '#bootstrap/config/config.schema.ts';

const root = path.resolve(import.meta.dirname, '../../../..');
const variables = Object.keys(environmentSchema.shape);

describe('configuration documentation', () => {
  it.each(variables)('docs/configuration.md documents %s', (name) => {
    expect(readFileSync(path.join(root, 'docs/configuration.md'), 'utf8')).toContain(`\`${name}\``);
  });

  it.each(variables)('.env.example mentions %s', (name) => {
    expect(readFileSync(path.join(root, '.env.example'), 'utf8')).toMatch(new RegExp(`^# ${name}=`, 'm'));
  });
});
