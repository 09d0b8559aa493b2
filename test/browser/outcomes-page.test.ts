import { chromium, type Browser, type Page } from 'playwright-core';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { as } from '../support/signed';
import { askOutcomes, monthFromNow, type Outcomes } from '../support/outcomes';
import { startSystem, type System } from '../../scripts/system/in-process-system';
import { CHROMIUM } from '../support/chromium';
import { productionGatewayAlone } from '../support/production-gateway';

/**
 * The outcomes page in a real headless Chromium (Debian's), with every request
 * that is not to the gateway refused: the charts must draw from what the gateway
 * serves alone, and show exactly the figures the graph answers.
 */
interface Drawn {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

describe('the outcomes page', () => {
  let system: System;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    system = await startSystem();
    origin = new URL(system.gatewayUrl).origin;
    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage();
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(origin)) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const chart = (id: string) =>
    page.evaluate((canvas) => {
      const drawn = (globalThis as unknown as { Chart: { getChart(id: string): { data: unknown } | undefined } }).Chart.getChart(
        canvas,
      );
      return drawn?.data as Drawn | undefined;
    }, id);
  const cells = (id: string) => page.locator(`#${id} tbody td`).allTextContents();

  it('draws the figures the graph answers, for the window picked, with no network but the gateway', async () => {
    await page.goto(`${origin}/outcomes`);
    // The default window is drawn at once with the development analyst token; then the user picks another.
    await page.waitForSelector('body[data-drawn]');
    const [from, to] = [monthFromNow(-24), monthFromNow(-1)];
    await page.fill('#from', from.slice(0, 7));
    await page.fill('#to', to.slice(0, 7));
    await page.click('button[type=submit]');
    await page.waitForSelector(`body[data-drawn="${from}/${to}"]`);

    const answer = await askOutcomes(system, as.analyst(), from, to);
    expect(answer.errors).toBeUndefined();
    const outcomes: Outcomes = answer.data!.outcomes;

    const readiness = await chart('job-readiness');
    const months = [0, 3, 6, 12];
    expect(readiness?.labels).toEqual(['At start', '3 months', '6 months', '12 months']);
    expect(readiness?.datasets.map((set) => set.data)).toEqual(
      ['JOB_READY', 'ACTIVITY_READY'].map((readinessValue) =>
        months.map(
          (month) =>
            outcomes.jobReadiness.find((row) => row.monthsAfterStart === month && row.readiness === readinessValue)!.count,
        ),
      ),
    );
    expect((await chart('days-to-first-effort'))?.datasets[0]?.data).toEqual(outcomes.daysToFirstEffort.map((row) => row.median));
    expect((await chart('meetings'))?.datasets[0]?.data).toEqual([
      outcomes.holisticMeetingsHeld,
      outcomes.sectorMeetingsReplaced,
    ]);
    expect(await page.locator('#cohort').textContent()).toBe(String(outcomes.cohort));
    expect(elsewhere).toEqual([]);
  });

  it('shows a suppressed figure as suppressed, not as zero', async () => {
    // A single month of the demo cohort: small enough that some cells are suppressed.
    const month = monthFromNow(-3);
    const outcomes = (await askOutcomes(system, as.analyst(), month, month)).data!.outcomes;
    const suppressed = outcomes.jobReadiness.filter((row) => row.count === null).length;
    expect(suppressed).toBeGreaterThan(0);
    await page.fill('#from', month.slice(0, 7));
    await page.fill('#to', month.slice(0, 7));
    await page.click('button[type=submit]');
    await page.waitForSelector(`body[data-drawn="${month}/${month}"]`);
    // Drawn as the graph answered: null where suppressed (no bar, the word instead), 0 only where it is 0.
    const drawn = (await chart('job-readiness'))!.datasets.flatMap((set) => set.data);
    const answered = ['JOB_READY', 'ACTIVITY_READY'].flatMap((readiness) =>
      [0, 3, 6, 12].map(
        (months) => outcomes.jobReadiness.find((row) => row.monthsAfterStart === months && row.readiness === readiness)!.count,
      ),
    );
    expect(drawn).toEqual(answered);
    const tableCells = await cells('job-readiness-table');
    expect(tableCells.filter((text) => text === 'suppressed')).toHaveLength(suppressed);
  });

  /** Picks a window and waits for the page's error message. */
  async function refusal(from: string, to: string): Promise<string | null> {
    await page.fill('#from', from.slice(0, 7));
    await page.fill('#to', to.slice(0, 7));
    await page.click('button[type=submit]');
    await page.locator('#status.error').waitFor();
    return page.locator('#status').textContent();
  }

  it('says why the graph refused, and hides the previous charts', async () => {
    const reversed = await refusal(monthFromNow(-1), monthFromNow(-3));
    expect(reversed).toMatch(/^BAD_USER_INPUT: ./);
    expect(await page.locator('#outcomes').isHidden()).toBe(true);
  });

  it("asks with the token pasted, and says FORBIDDEN when it is not an analyst's", async () => {
    // Signed with the secret the in-process system's gateway accepts, as system.query's tokens are.
    const { key } = devJwtConfig({});
    const caseworker = await issueDevToken(as.caseworker('EMPLOYMENT'), key.kind === 'dev-secret' ? key.secret : '', '5m');
    await page.fill('#token', caseworker);
    const refused = await refusal(monthFromNow(-12), monthFromNow(-1));
    await page.fill('#token', '');
    expect(refused).toMatch(/^FORBIDDEN: ./);
  });

  it('serves the page with a strict content security policy, and Chart.js from the gateway itself, cached for a year', async () => {
    const response = await fetch(`${origin}/outcomes`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const loaded = await page.locator('script[src*="chart.umd.js"]').getAttribute('src');
    const chartJs = await fetch(new URL(loaded!, origin));
    expect([chartJs.status, chartJs.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect(await chartJs.text()).toContain('Chart.js');
  });
});

describe('the outcomes page in production', () => {
  it('mints no development token: the user brings their own', async () => {
    const { gateway, origin } = await productionGatewayAlone();
    try {
      expect((await fetch(`${origin}/outcomes`)).status).toBe(200);
      expect((await fetch(`${origin}/outcomes/dev-token`)).status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });
});
