/**
 * Waits for `work` to settle, but no longer than `timeoutMs` (Infinity: as long as it takes).
 * Resolves with whether it settled in time; the work itself is neither cancelled nor awaited
 * further. For shutdowns, which must end within their budget even when something hangs.
 */
export async function settlesWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  const settled = work.then(
    () => true,
    () => true,
  );
  if (timeoutMs === Infinity) return settled;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
  });
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
