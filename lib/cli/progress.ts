/** How far back the ETA looks for its rate: the recent pace, not the start-up's. */
const RATE_WINDOW_MS = 60_000;

/** A one-line progress bar with ETA on a TTY; a line every 10 % elsewhere (CI, logs). */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr, clock: () => number = Date.now) {
  const started = clock();
  const recent: Array<{ at: number; done: number }> = [];
  let lastDecile = -1;
  return (done: number, total: number) => {
    const now = clock();
    recent.push({ at: now, done });
    while (recent.length > 2 && now - recent[1]!.at >= RATE_WINDOW_MS) recent.shift();
    const fraction = total === 0 ? 1 : done / total;
    const percent = Math.floor(fraction * 100);
    const etaSeconds = Math.round(remainingMs(recent, started, done, total) / 1000);
    const eta = etaSeconds >= 60 ? `${Math.floor(etaSeconds / 60)}m${String(etaSeconds % 60).padStart(2, '0')}s` : `${etaSeconds}s`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ETA ${eta}   `);
      if (done >= total) stream.write('\n');
    } else if (Math.floor(percent / 10) > lastDecile) {
      lastDecile = Math.floor(percent / 10);
      stream.write(`${label}: ${percent}% (ETA ${eta})\n`);
    }
  };
}

/**
 * Remaining time, ms: the work left divided by the rate over the last minute (units per ms),
 * or since the start while less than 10 s of progress are known; 0 before any progress.
 */
export function remainingMs(recent: ReadonlyArray<{ at: number; done: number }>, startedAt: number, done: number, total: number): number {
  const first = recent[0];
  const last = recent.at(-1);
  if (!first || !last || done <= 0) return 0;
  const windowed = last.at - first.at >= 10_000 && last.done > first.done;
  const rate = windowed ? (last.done - first.done) / (last.at - first.at) : done / Math.max(1, last.at - startedAt);
  return Math.max(0, total - done) / rate;
}
