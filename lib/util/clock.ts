// Route handlers and pages read the present here, so a test can pin it (setClock) and never
// depends on the wall clock. On globalThis, like the database, so every Next.js bundle shares it.
const holder = globalThis as typeof globalThis & { __tallyClock?: () => Date };

/** The present: the wall clock unless a test installed a clock with `setClock`. */
export function currentTime(): Date {
  return holder.__tallyClock?.() ?? new Date();
}

/** Installs the clock `currentTime` reads (tests); `null` goes back to the wall clock. */
export function setClock(clock: (() => Date) | null): void {
  holder.__tallyClock = clock ?? undefined;
}
