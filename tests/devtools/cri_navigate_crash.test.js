// chrome-remote-interface, Chrome's thinnest client: a page per WebSocket,
// no sessions. Navigate, wait for load, screenshot, evaluate, then crash
// the page with Page.crash and watch both crash events and the return.
'use strict';
const CDP = require('chrome-remote-interface');
const {startSandtab, sandtabFromArgs, runTest, assert} = require('./sandtab_process');

runTest('cri_navigate_crash', 90000, async () => {
  const sandtab = await startSandtab(sandtabFromArgs());
  const {port} = sandtab;
  try {
    const target = await CDP.New({port, url: 'sandtab://pages/index.html'});
    assert(target.type === 'page' && /^[0-9A-F]{32}$/.test(target.id), 'PUT /json/new gives a page target');
    const listed = await CDP.List({port});
    assert(listed.some(t => t.id === target.id), '/json/list has it');

    const client = await CDP({port, target});
    const {Page, Runtime} = client;
    await Page.enable();
    const loaded = Page.loadEventFired();
    const navigation = await Page.navigate({url: 'sandtab://pages/article.html'});
    assert(navigation.frameId === target.id, 'the main frame id is the page target id');
    assert(/^[0-9A-F]{32}$/.test(navigation.loaderId), 'Page.navigate gives a loader id');
    await loaded;

    const {data} = await Page.captureScreenshot({format: 'png'});
    const png = Buffer.from(data, 'base64');
    assert(png.subarray(1, 4).toString() === 'PNG', 'the screenshot is a PNG');
    assert(png.readUInt32BE(16) === 1280 && png.readUInt32BE(20) === 800, 'of the 1280x800 tab');
    const clipped = Buffer.from(
        (await Page.captureScreenshot({format: 'png', clip: {x: 1270, y: 10.5, width: 30, height: 10, scale: 1}})).data,
        'base64');
    assert(clipped.readUInt32BE(16) === 10 && clipped.readUInt32BE(20) === 11, 'a clip: the part inside the tab');

    const evaluated = await Runtime.evaluate({expression: '6 * 7', returnByValue: true});
    assert(evaluated.result.type === 'number' && evaluated.result.value === 42, 'Runtime.evaluate: 42');
    const thrown = await Runtime.evaluate({expression: 'null.x'});
    assert(thrown.exceptionDetails && /TypeError/.test(thrown.exceptionDetails.exception.description),
           'an exception comes back as exceptionDetails');
    const unknown = await client.send('Animation.enable').then(() => null, e => e);
    assert(unknown && /'Animation.enable' wasn't found/.test(unknown.message), 'unserved methods: Chrome\'s error');

    // The browser WebSocket watches targets; the page socket sees its own crash.
    const version = await CDP.Version({port});
    const browser = await CDP({port, target: version.webSocketDebuggerUrl});
    await browser.Target.setDiscoverTargets({discover: true});
    const targetCrashed = new Promise(resolve => browser.on('Target.targetCrashed', resolve));
    const inspectorCrashed = new Promise(resolve => client.on('Inspector.targetCrashed', resolve));
    const reloaded = new Promise(resolve => client.on('Inspector.targetReloadedAfterCrash', resolve));
    const crashReply = client.send('Page.crash').then(() => 'answered', e => e.message);
    const crash = await targetCrashed;
    assert(crash.targetId === target.id && crash.status === 'crashed', 'Target.targetCrashed: ' + JSON.stringify(crash));
    assert(Number.isInteger(crash.errorCode), 'with an error code');
    assert(crash.sandtabDeathRecord && crash.sandtabDeathRecord.cause === 'CRASHED', 'and sandtab\'s death record');
    const inspector = await inspectorCrashed;
    assert(inspector.sandtabDeathRecord.pid > 0, 'Inspector.targetCrashed carries the death record');
    await reloaded;
    assert(await crashReply === 'Target crashed', 'Page.crash is failed "Target crashed" once the page is back');
    const back = await Runtime.evaluate({expression: 'document.title', returnByValue: true});
    assert(typeof back.result.value === 'string', 'the page evaluates again after its return');

    await browser.close();
    await client.close();
    await CDP.Close({port, id: target.id});
    const after = await CDP.List({port});
    assert(!after.some(t => t.id === target.id), '/json/close closed it');
  } finally {
    await sandtab.stop();
  }
});
