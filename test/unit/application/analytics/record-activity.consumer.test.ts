import { describe, expect, it } from '@jest/globals';
import { RecordActivity } from '#application/analytics/record-activity.consumer.ts';

describe('RecordActivity', () => {
  it("subscribes to every event type but the feed's own pipeline events", () => {
    const types = [
      'post.created',
      'user.followed',
      'feed.post_delivered',
      'feed.fanout_continued',
      'task.created',
    ];
    const handler = new RecordActivity(types, { increment: async () => {} });
    expect(handler.eventTypes).toEqual(['post.created', 'user.followed', 'task.created']);
  });
});
