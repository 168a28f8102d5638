import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { EventCatalog } from '#adapters/messaging/event-catalog.ts';
import {
  decodeEvent,
  encodeEvent,
  MalformedEvent,
  UnknownEventType,
} from '#adapters/messaging/event-codec.ts';

const catalog = new EventCatalog({ 'post.created': z.object({ post_id: z.uuid(), text: z.string() }) });
const envelope = {
  eventId: '0193f5c2-7a1e-7000-8000-000000000001',
  type: 'post.created',
  version: 1,
  occurredAt: new Date('2026-11-22T09:00:00.123Z'),
  payload: { post_id: '0193f5c2-7a1e-7000-8000-000000000002', text: 'hello' },
};

describe('the event wire format', () => {
  it('is snake_case JSON with an ISO 8601 UTC timestamp', () => {
    expect(JSON.parse(encodeEvent(envelope).toString())).toEqual({
      event_id: envelope.eventId,
      type: 'post.created',
      version: 1,
      occurred_at: '2026-11-22T09:00:00.123Z',
      payload: envelope.payload,
    });
  });

  it('decodes what it encodes, frozen', () => {
    const decoded = decodeEvent(encodeEvent(envelope), catalog);
    expect(decoded).toEqual(envelope);
    expect(Object.isFrozen(decoded)).toBe(true);
    expect(Object.isFrozen(decoded.payload)).toBe(true);
  });

  it('rejects bytes that are not JSON', () => {
    expect(() => decodeEvent('{oops', catalog)).toThrow(MalformedEvent);
  });

  it('rejects an envelope without an event id', () => {
    const body = JSON.stringify({
      type: 'post.created',
      version: 1,
      occurred_at: '2026-11-22T09:00:00Z',
      payload: {},
    });
    expect(() => decodeEvent(body, catalog)).toThrow(/event_id/);
  });

  it('rejects a type it does not know', () => {
    const body = encodeEvent({ ...envelope, type: 'post.exploded' });
    expect(() => decodeEvent(body, catalog)).toThrow(UnknownEventType);
  });

  it("rejects a payload that does not match its type's schema, naming the field", () => {
    const body = encodeEvent({ ...envelope, payload: { post_id: 'not-a-uuid', text: 'x' } });
    expect(() => decodeEvent(body, catalog)).toThrow(/post.created payload: post_id/);
  });
});
