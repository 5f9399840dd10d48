// The isolation test an author writes for Chrome, unchanged but for the
// address: three pages, one crashed (chrome://crash, as Puppeteer's own
// tests do), the other two still evaluate and their pixels did not change.
'use strict';
const puppeteer = require('puppeteer-core');
const {startSandtab, sandtabFromArgs, runTest, assert} = require('./sandtab_process');

runTest('puppeteer_isolation', 120000, async () => {
  const sandtab = await startSandtab(sandtabFromArgs());
  try {
    const browser = await puppeteer.connect({browserURL: sandtab.browserURL});
    const urls = ['sandtab://pages/index.html', 'sandtab://pages/article.html', 'sandtab://pages/counter.html'];
    const pages = [];
    for (const url of urls) {
      const page = await browser.newPage();
      await page.goto(url, {waitUntil: 'load'});
      pages.push(page);
    }
    assert((await browser.pages()).length >= 3, 'three pages are listed');
    assert(pages[0].url().endsWith('/index.html'), 'page.url() follows frameNavigated: ' + pages[0].url());
    assert(await pages[0].evaluate('6 * 7') === 42, 'an expression evaluates');
    assert(await pages[1].evaluate(a => a * 7, 6) === 42, 'a function with an argument evaluates');
    const titles = await Promise.all(pages.map(page => page.title()));
    const shots = await Promise.all([pages[0].screenshot(), pages[2].screenshot()]);
    assert(shots.every(shot => shot.subarray(1, 4).toString() === 'PNG'), 'screenshots are PNGs');

    // Crash the middle page as Puppeteer's own suite does.
    const crashed = new Promise(resolve => pages[1].once('error', resolve));
    pages[1].goto('chrome://crash').catch(() => {});
    const error = await crashed;
    assert(error.message === 'Page crashed!', 'the crash reaches page.on("error"): ' + error.message);

    // The others: still evaluating, and not one pixel changed.
    assert(await pages[0].evaluate('document.title') === titles[0], 'page 0 evaluates after the crash');
    assert(await pages[2].evaluate(() => document.title) === titles[2], 'page 2 evaluates after the crash');
    const after = await Promise.all([pages[0].screenshot(), pages[2].screenshot()]);
    assert(Buffer.compare(after[0], shots[0]) === 0, 'page 0 looks the same');
    assert(Buffer.compare(after[1], shots[1]) === 0, 'page 2 looks the same');

    // The crashed page comes back under the crash policy and works again.
    await pages[1].goto('sandtab://pages/article.html', {waitUntil: 'load'});
    assert(await pages[1].evaluate('1 + 1') === 2, 'the crashed page evaluates once it is back');

    for (const page of pages) await page.close();
    assert((await browser.pages()).length === 0, 'closed pages are gone');
    await browser.disconnect();
  } finally {
    await sandtab.stop();
  }
});
