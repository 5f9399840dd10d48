// ./sandtab bench --vs-chromium (bench/run.sh BIN --vs-chromium): sandtab
// against Debian's Chromium in one run, the two browsers' runs alternating
// (the order flips each round so neither always runs warm or second), and
// the ratios printed (issue 25 lines 4-5, DESIGN section 17). Chromium is
// never installed here: without it on PATH the rows are skipped.
//
//   node bench/vs_chromium/main.js BIN_DIR [--smoke] [--rounds=N] [--only=oneshot|cdp]
'use strict';
const path = require('node:path');
const {Sandtab, Chromium, findOnPath, removeLeftoverProfiles} = require('./browsers');
const {runOneShot, kSamplePeriodMs} = require('./one_shot');
const {ComparisonTable} = require('./report');

const kPages = ['index.html', 'article.html', 'table.html'];
const kAddedTabs = 10;
const kSettleMs = 1000;

function parseArgs(argv) {
  const options = {binDir: argv[0], smoke: false, rounds: 5, cdpRounds: 3, samplesPerRound: 4, only: 'all'};
  for (const arg of argv.slice(1)) {
    if (arg === '--smoke') Object.assign(options, {smoke: true, rounds: 1, cdpRounds: 1, samplesPerRound: 1});
    else if (arg.startsWith('--rounds=')) options.rounds = options.cdpRounds = Number(arg.slice(9));
    else if (arg.startsWith('--only=')) options.only = arg.slice(7);
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.binDir) throw new Error('usage: main.js BIN_DIR [--smoke] [--rounds=N] [--only=oneshot|cdp]');
  if (!(options.rounds >= 1)) throw new Error('--rounds needs a number >= 1');
  if (!['all', 'oneshot', 'cdp'].includes(options.only)) throw new Error(`--only: oneshot or cdp, not ${options.only}`);
  return options;
}

// Round r runs sandtab first when r is even, Chromium first when odd.
function inTurn(round, browsers) {
  return round % 2 === 0 ? browsers : [...browsers].reverse();
}

async function oneShotRows(browsers, options, table) {
  const pages = options.smoke ? ['article.html'] : kPages;
  for (const page of pages) {
    const times = {sandtab: [], chromium: []};
    const peaks = {sandtab: [], chromium: []};
    for (let round = 0; round < options.rounds; ++round) {
      for (const browser of inTurn(round, browsers)) times[browser.name].push((await runOneShot(browser, page, {})).ms);
      for (const browser of inTurn(round + 1, browsers)) {
        peaks[browser.name].push((await runOneShot(browser, page, {sampleMemory: true})).peakKib);
      }
    }
    table.add(`oneshot/${page} wall`, 'ms', times.sandtab, times.chromium, 0.05, 'spawn to exit of the whole tree');
    table.add(`oneshot/${page} peak PSS`, 'KiB', peaks.sandtab, peaks.chromium, 0.1,
              `the tree's summed PSS, sampled every ${kSamplePeriodMs} ms`);
  }
}

async function cdpRows(browsers, options, table) {
  const {CdpBrowser, memoryPerTab} = require('./cdp_rows');
  const samples = {};
  const add = (browser, key, value) => ((samples[key] ??= {sandtab: [], chromium: []})[browser.name].push(value));
  for (let round = 0; round < options.cdpRounds; ++round) {
    for (const browser of inTurn(round, browsers)) {
      const launched = await browser.launchForCdp();
      let cdp = null;
      try {
        cdp = await CdpBrowser.connect(browser, launched);
        const memory = await memoryPerTab(cdp, 'article.html', kAddedTabs, kSettleMs);
        add(browser, 'tree', memory.treePssKibPerTab);
        add(browser, 'private', memory.newPrivateKibPerTab);
        for (let i = 0; i < options.samplesPerRound; ++i) {
          const tab = await cdp.openTab('index.html');
          add(browser, 'open', tab.ms);
          await cdp.closeTab(tab);
        }
        // A fresh tab per crash: sandtab's crash policy gives up on a tab
        // that crashes 3 times within 30 s (DESIGN section 6).
        for (let i = 0; i < options.samplesPerRound; ++i) {
          const tab = await cdp.openTab('index.html');
          add(browser, 'crash', await cdp.crashAndRestore(tab));
          await cdp.closeTab(tab);
        }
      } finally {
        if (cdp) await cdp.close().catch(() => {});
        await launched.stop();
      }
    }
  }
  table.add('cdp/new tab -> first frame (index.html)', 'ms', samples.open.sandtab, samples.open.chromium, null,
            'createTarget, attach, navigate, load, a 1x1 captureScreenshot answered');
  table.add('cdp/crashed tab -> back on screen', 'ms', samples.crash.sandtab, samples.crash.chromium, null,
            'Page.crash to the next frame (Chromium: Page.reload on targetCrashed)');
  table.add(`memory/per added tab, tree PSS (${kAddedTabs}x article.html)`, 'KiB', samples.tree.sandtab,
            samples.tree.chromium, 0.2, 'growth of the whole tree\'s summed PSS / 10');
  table.add('memory/per added tab, new processes\' private', 'KiB', samples.private.sandtab, samples.private.chromium,
            null, 'private bytes of the processes the 10 tabs added / 10');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const chromiumBinary = findOnPath('chromium');
  if (!chromiumBinary) {
    console.log('vs-chromium: chromium not found on PATH: the Chromium rows are skipped ' +
                '(the bench never installs it; apt-get install chromium to compare)');
    return;
  }
  const pagesDir = path.resolve(__dirname, '..', '..', 'pages');
  const browsers = [new Sandtab(path.join(options.binDir, 'sandtab'), pagesDir), new Chromium(chromiumBinary, pagesDir)];
  const table = new ComparisonTable();
  console.log(`vs-chromium: ${browsers[0].binary} against ${chromiumBinary}; ${options.rounds} rounds, runs alternating`);
  // A section that fails still leaves the rows measured before it printed.
  try {
    if (options.only !== 'cdp') await oneShotRows(browsers, options, table);
    if (options.only !== 'oneshot') {
      let clients = true;
      try {
        require.resolve('chrome-remote-interface');
      } catch {
        clients = false;
        console.log('vs-chromium: the CDP rows are skipped: run ctest -R devtools_npm_ci first to install the client');
      }
      if (clients) await cdpRows(browsers, options, table);
    }
  } finally {
    console.log(table.text());
    removeLeftoverProfiles();
  }
}

main().catch(error => {
  console.error('vs-chromium: ' + (error.stack || error));
  process.exit(1);
});
