import { describe, expect, it } from '@jest/globals';
import { ConsumersAttachedCheck } from '#adapters/messaging/consumers-attached.check.ts';

function makeSut(detachedMs = 1_000) {
  const state = { attached: true, connected: true, now: 0 };
  const check = new ConsumersAttachedCheck(
    () => ({ attached: state.attached, connected: state.connected }),
    detachedMs,
    () => state.now,
  );
  return { check, state };
}

describe('ConsumersAttachedCheck', () => {
  it('is fine while the consumers are attached', () => {
    const { check } = makeSut();
    expect(check.stalled()).toBeNull();
  });

  it('stalls once the consumers stay detached from a connected broker longer than the bound', () => {
    const { check, state } = makeSut(1_000);
    state.attached = false;
    expect(check.stalled()).toBeNull();
    state.now = 1_000;
    expect(check.stalled()).toBeNull();
    state.now = 1_001;
    expect(check.stalled()).toBe('consumers detached for 1001 ms while connected (bound 1000 ms)');
    state.attached = true;
    expect(check.stalled()).toBeNull();
  });

  it('does not stall while the broker itself is unreachable (readiness reports that; a restart would not help)', () => {
    const { check, state } = makeSut(1_000);
    state.attached = false;
    state.connected = false;
    state.now = 60_000;
    expect(check.stalled()).toBeNull();
    // Its clock starts when the connection is back and the consumers still are not.
    state.connected = true;
    expect(check.stalled()).toBeNull();
    state.now = 61_500;
    expect(check.stalled()).toMatch(/^consumers detached for 1500 ms/);
  });
});
