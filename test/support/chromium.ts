/**
 * Debian's Chromium, headless, as the browser tests launch it through
 * playwright-core (no browser download). Without the background-networking
 * flags it would dial Google's hosts at start, which a closed network refuses.
 */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};
