import { existsSync } from 'node:fs';

/** Debian's Chromium, which the browser tests drive through playwright-core (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The Chromium path, or an error naming the install command: a browser test never skips. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install chromium\` (Debian), or set CHROMIUM_PATH`);
  }
  return CHROMIUM;
}
