import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { ConfigError, loadConfig } from '#bootstrap/config/config.ts';

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv);

describe('loadConfig', () => {
  it('selects the embedded mode when nothing is configured', () => {
    const config = load({});
    expect(config.embedded).toBe(true);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('data/pglite') });
    expect(config.redis).toBeNull();
    expect(config.amqp).toBeNull();
    expect(config.storage).toEqual({ kind: 'local', directory: path.resolve('data/blobs') });
    expect(config.mail.kind).toBe('file');
    expect(config.http.port).toBe(3000);
    expect(config.migrateOnStart).toBe(true);
  });

  it('switches each part to the real service its URL names', () => {
    const config = load({
      DATABASE_URL: 'postgresql://app@db:5432/rookery',
      REDIS_URL: 'redis://cache:6379',
      AMQP_URL: 'amqp://broker',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY: 'key',
      S3_SECRET_KEY: 'secret',
      SMTP_URL: 'smtp://mail:1025',
    });
    expect(config.embedded).toBe(false);
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgresql://app@db:5432/rookery' });
    expect(config.redis?.url).toBe('redis://cache:6379');
    expect(config.amqp?.url).toBe('amqp://broker');
    expect(config.storage).toMatchObject({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'rookery' });
    expect(config.mail).toMatchObject({ kind: 'smtp', url: 'smtp://mail:1025' });
    expect(config.migrateOnStart).toBe(false);
  });

  it('lets an operator opt into migrating on start in full mode', () => {
    expect(load({ DATABASE_URL: 'postgres://db/x', MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
  });

  it('derives the public URL from the port unless given', () => {
    expect(load({ PORT: '8080' }).http.publicUrl).toBe('http://localhost:8080');
    expect(load({ PUBLIC_URL: 'https://rookery.example/' }).http.publicUrl).toBe('https://rookery.example');
  });

  it('stops with a message naming the variable, what is allowed and what it got', () => {
    expect(() => load({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => load({ PORT: 'eighty' })).toThrow(
      /PORT: expected an integer between 0 and 65535 \(got "eighty"\)/,
    );
  });

  it('reports every bad variable at once', () => {
    let message = '';
    try {
      load({ LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://db/x', MIGRATE_ON_START: 'maybe' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /LOG_LEVEL: expected fatal, error, warn, info, debug, trace or silent \(got "loud"\)/,
    );
    expect(message).toMatch(/DATABASE_URL: expected a URL starting with postgres:\/\/ or postgresql:\/\//);
    expect(message).toMatch(/MIGRATE_ON_START: expected one of true, false/);
  });

  it('explains a value that is not a URL at all instead of crashing on it', () => {
    expect(() => load({ REDIS_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => load({ REDIS_URL: 'not a url' })).toThrow(
      /REDIS_URL: expected a URL starting with redis:\/\/ or rediss:\/\//,
    );
  });

  it('treats an empty optional variable as unset', () => {
    expect(load({ REDIS_URL: '' }).redis).toBeNull();
  });
});
