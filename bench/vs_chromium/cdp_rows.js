// What the comparison asks through each browser's own automation, with
// one client for both (chrome-remote-interface on the browser WebSocket,
// flat sessions): a new tab's first frame, the memory ten more tabs add,
// and a crashed tab back on screen.
//
// "On screen" is the same question to both: the page's load event, then a
// 1x1 Page.captureScreenshot answered (Chromium produces a compositor
// frame for it; sandtab composes the frame its renderer presented and
// sends `load` only once that frame exists). The 1x1 clip keeps PNG
// encoding out of the figure.
'use strict';
const CDP = require('chrome-remote-interface');
const {SessionEvents, kEventTimeoutMs, sleep, withTimeout} = require('./event_log');
const {ProcessTree} = require('./process_tree');

const kOnePixel = {format: 'png', clip: {x: 0, y: 0, width: 1, height: 1, scale: 1}};

class CdpBrowser {
  static async connect(browser, launched) {
    const client = await CDP({target: launched.browserWSEndpoint, local: true});
    return new CdpBrowser(browser, launched, client);
  }

  constructor(browser, launched, client) {
    this.browser = browser;
    this.launched = launched;
    this.client = client;
    this.events = new SessionEvents(client);
  }

  send(method, params = {}, sessionId = undefined) {
    return withTimeout(this.client.send(method, params, sessionId), kEventTimeoutMs, method);
  }

  // A new tab showing `page`: {targetId, sessionId, ms} from the request
  // to its first frame on screen (as Puppeteer's newPage() + goto()).
  async openTab(page) {
    const start = process.hrtime.bigint();
    const {targetId} = await this.send('Target.createTarget', {url: 'about:blank'});
    const {sessionId} = await this.send('Target.attachToTarget', {targetId, flatten: true});
    await this.send('Page.enable', {}, sessionId);
    await this.send('Inspector.enable', {}, sessionId);
    const from = this.events.mark();
    await this.send('Page.navigate', {url: this.browser.pageUrl(page)}, sessionId);
    await this.events.loaded(from, sessionId);
    await this.send('Page.captureScreenshot', kOnePixel, sessionId);
    return {targetId, sessionId, ms: Number(process.hrtime.bigint() - start) / 1e6};
  }

  closeTab(tab) {
    return this.send('Target.closeTarget', {targetId: tab.targetId});
  }

  // From Page.crash to the tab's next frame on screen, each browser its
  // own way back: sandtab's crash policy reloads the page; Chromium keeps
  // a sad tab until the client's Page.reload, sent on Inspector.targetCrashed.
  async crashAndRestore(tab) {
    const from = this.events.mark();
    const start = process.hrtime.bigint();
    // Never answered while the page is down; sandtab fails it once back.
    this.client.send('Page.crash', {}, tab.sessionId).catch(() => {});
    const crashed = await this.events.next(
        from, m => m.sessionId === tab.sessionId && m.method === 'Inspector.targetCrashed', 'Inspector.targetCrashed');
    const after = this.events.log.indexOf(crashed) + 1;
    if (this.browser.reloadsAfterCrash) await this.send('Page.reload', {}, tab.sessionId);
    await this.events.loaded(after, tab.sessionId);
    await this.send('Page.captureScreenshot', kOnePixel, tab.sessionId);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }

  // The whole tree's memory, and each process's, after `settleMs` of quiet.
  async memoryAfter(settleMs) {
    await sleep(settleMs);
    const tree = new ProcessTree(this.launched.child.pid);
    const pids = tree.pids();
    return {total: ProcessTree.sum(pids), pids};
  }

  async close() {
    await this.client.close();
  }
}

// Memory per additional tab: one tab of `page` open, then `count` more;
// the growth of the whole tree's PSS, and the private bytes of the
// processes that were not there before, each divided by `count`.
async function memoryPerTab(cdp, page, count, settleMs) {
  const first = await cdp.openTab(page);
  const before = await cdp.memoryAfter(settleMs);
  const added = [];
  for (let i = 0; i < count; ++i) added.push(await cdp.openTab(page));
  const after = await cdp.memoryAfter(settleMs);
  const known = new Set(before.pids);
  const fresh = ProcessTree.sum(after.pids.filter(pid => !known.has(pid)));
  for (const tab of added) await cdp.closeTab(tab);
  return {
    first,
    treePssKibPerTab: (after.total.pssKib - before.total.pssKib) / count,
    newPrivateKibPerTab: fresh.privateKib / count,
    newProcesses: fresh.processes,
  };
}

module.exports = {CdpBrowser, memoryPerTab};
