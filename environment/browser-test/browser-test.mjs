// Opens a notebook in Jupyter Notebook (classic 6.x UI, Notebook 7 / JupyterLab selectors too) in
// headless Chromium, runs every cell through the UI menu, waits for the kernel to go idle, then checks
// the outputs: no error or stderr output anywhere, and for each expectation {cell, selector} the
// output of the first code cell whose source contains `cell` holds an element matching `selector`.
// Saves screenshots into the screenshot folder. Configuration comes from the environment:
//   SML_BT_URL          notebook URL with ?token=...
//   SML_BT_EXPECT       JSON list of {"cell": "...", "selector": "...", "shot": "file-name.png", "fit": true|false};
//                       with fit, every matching element must lie within the output area's content width
//                       (what the page gives an output at 100% zoom) and an image must not be scaled down
//                       (so its text shows at the pixel size it was drawn with)
//   SML_BT_SHOTS        screenshot folder
//   SML_BT_TIMEOUT_S    seconds to wait for the run (default 600)
//   SML_BT_CHROMIUM     browser executable (default /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.SML_BT_URL;
const expectations = JSON.parse(process.env.SML_BT_EXPECT || '[]');
const shots = process.env.SML_BT_SHOTS || 'screenshots';
const timeoutMs = 1000 * Number(process.env.SML_BT_TIMEOUT_S || 600);
if (!url) {
  console.error('SML_BT_URL is not set: run this through run-browser-test.sh');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'sml-chromium-'));

const ERROR_SELECTORS = [
  '.output_area .output_error',                                           // classic Notebook 6
  '.output_area .output_stderr',
  ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']",    // Notebook 7 / JupyterLab
  '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]',
];

// A fresh, empty profile (user data dir) per run; flags that work on a machine without outside network.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.SML_BT_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let failed = [];
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.on('pageerror', e => console.log('page error: ' + e.message));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
      && Jupyter.notebook.kernel.is_connected(), null, { timeout: 180000 });
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: 180000 });
  await page.screenshot({ path: join(shots, '01-opened.png') });
  console.log('notebook open, kernel idle; running all cells from the Cell menu');

  await page.click('#celllink');
  await page.click('#run_all_cells');
  const t0 = Date.now();
  // Done when every code cell has an execution count and the kernel is idle again.
  await page.waitForFunction(() => {
    const code = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
    const done = code.every(c => typeof c.input_prompt_number === 'number');
    return done && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
  }, null, { timeout: timeoutMs, polling: 1000 });
  console.log(`all cells ran in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const errors = await page.evaluate(sels => sels.flatMap(s => [...document.querySelectorAll(s)]
      .map(e => `${s}: ${e.innerText.slice(0, 300)}`)), ERROR_SELECTORS);
  if (errors.length) {
    failed.push(`error output shown:\n  ${errors.join('\n  ')}`);
  }
  for (const [i, ex] of expectations.entries()) {
    const found = await page.evaluate(({ cell, selector }) => {
      const match = Jupyter.notebook.get_cells().find(c => c.cell_type === 'code' && c.get_text().includes(cell));
      if (!match) return { cell: false };
      const out = match.element[0].querySelector('.output_wrapper');
      match.element[0].setAttribute('data-sml-expect', 'yes');
      return { cell: true, count: out ? out.querySelectorAll(selector).length : 0 };
    }, ex);
    if (!found.cell) {
      failed.push(`no code cell contains "${ex.cell}"`);
      continue;
    }
    if (found.count === 0) {
      failed.push(`the output of the cell containing "${ex.cell}" shows no "${ex.selector}"`);
    } else {
      console.log(`ok: cell containing "${ex.cell}" shows ${found.count} x "${ex.selector}"`);
    }
    if (ex.fit && found.count > 0) {
      const sizes = await page.evaluate(({ selector }) => {
        const cell = document.querySelector('[data-sml-expect="yes"]');
        return [...cell.querySelectorAll('.output_wrapper .output_subarea')].flatMap(area => {
          const style = getComputedStyle(area);
          const content = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return [...area.querySelectorAll(selector)].map(e => {
            const shown = e.getBoundingClientRect().width;
            let natural = 0;
            if (e.tagName.toLowerCase() === 'img') natural = e.naturalWidth;
            if (e.tagName.toLowerCase() === 'svg') natural = parseFloat(e.getAttribute('width')) || 0;
            const scroll = e.scrollWidth || shown;
            return { tag: e.tagName.toLowerCase(), shown, natural, scroll, content, viewport: window.innerWidth };
          });
        });
      }, ex);
      for (const z of sizes) {
        const line = `${z.tag}: shown ${z.shown.toFixed(0)} px (drawn ${z.natural ? z.natural.toFixed(0) : '-'}, `
            + `scroll width ${z.scroll.toFixed(0)}) in an output area of ${z.content.toFixed(0)} px (window ${z.viewport} px)`;
        console.log(`  fit "${ex.cell}": ${line}`);
        if (z.shown > z.content + 0.5 || z.scroll > z.content + 0.5) {
          failed.push(`the output of "${ex.cell}" is wider than the page gives it: ${line}`);
        }
        if (z.natural && z.shown < 0.98 * z.natural) {
          failed.push(`the output of "${ex.cell}" is scaled down to ${(100 * z.shown / z.natural).toFixed(0)}%, so its text `
              + `shows smaller than drawn: ${line}`);
        }
      }
    }
    const el = page.locator('[data-sml-expect="yes"]').first();
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path: join(shots, ex.shot || `cell-${i + 1}.png`) });
    await page.evaluate(() => document.querySelectorAll('[data-sml-expect]').forEach(e => e.removeAttribute('data-sml-expect')));
  }
  await page.evaluate(() => { document.querySelector('#notebook').scrollIntoView(); });
  await page.screenshot({ path: join(shots, '02-after-run.png') });
} catch (e) {
  failed.push(`browser test stopped: ${e.message}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failed.length) {
  console.log('BROWSER TEST FAILED\n' + failed.map(f => '- ' + f).join('\n'));
  process.exit(1);
}
console.log(`BROWSER TEST PASSED (screenshots in ${shots})`);
