// The port's rules: /json/version as Chrome answers it, the Host rule, and
// clients that leave mid-command or say nothing cannot hurt the browser.
'use strict';
const http = require('node:http');
const net = require('node:net');
const CDP = require('chrome-remote-interface');
const {startSandtab, sandtabFromArgs, runTest, assert} = require('./sandtab_process');

function get(port, path, host, method = 'GET') {
  return new Promise((resolve, reject) => {
    const request = http.request({host: '127.0.0.1', port, path, method, headers: host ? {Host: host} : {}}, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', chunk => body += chunk);
      res.on('end', () => resolve({status: res.statusCode, type: res.headers['content-type'], body}));
    });
    request.setTimeout(10000, () => request.destroy(new Error('no answer to ' + path)));
    request.on('error', reject);
    request.end();
  });
}

runTest('http_rules', 60000, async () => {
  const sandtab = await startSandtab(sandtabFromArgs(), ['sandtab://pages/index.html']);
  const {port} = sandtab;
  try {
    const version = await get(port, '/json/version');
    assert(version.status === 200 && /^application\/json/.test(version.type), '/json/version is JSON');
    const fields = JSON.parse(version.body);
    assert(JSON.stringify(Object.keys(fields).sort()) ===
               JSON.stringify(['Browser', 'Protocol-Version', 'User-Agent', 'V8-Version', 'WebKit-Version',
                               'webSocketDebuggerUrl']),
           'Chrome\'s fields: ' + Object.keys(fields));
    assert(fields['Protocol-Version'] === '1.3', 'protocol 1.3');
    assert(fields.webSocketDebuggerUrl === sandtab.browserWSEndpoint, 'the same URL as the stderr line');
    assert((await get(port, '/json/version/')).status === 200, '/json/version/ (Playwright\'s spelling)');

    for (const host of ['evil.example', 'evil.example:' + port, 'localhost.evil.example']) {
      const refused = await get(port, '/json/version', host);
      assert(refused.status === 500 && /not an IP address or localhost/.test(refused.body), 'Host ' + host + ' refused');
    }
    for (const host of ['localhost:' + port, '127.0.0.1:' + port, '[::1]:' + port]) {
      assert((await get(port, '/json/version', host)).status === 200, 'Host ' + host + ' allowed');
    }
    const viaLocalhost = JSON.parse((await get(port, '/json/list', 'localhost:' + port)).body);
    assert(viaLocalhost[0].webSocketDebuggerUrl.startsWith('ws://localhost:' + port + '/devtools/page/'),
           'WebSocket URLs are built from the Host header');
    assert((await get(port, '/json/new?about:blank')).status === 405, '/json/new wants PUT');
    assert((await get(port, '/json/nonsense')).status === 404, 'unknown commands: 404');
    const protocol = JSON.parse((await get(port, '/json/protocol')).body);
    const page = protocol.domains.find(d => d.domain === 'Page');
    assert(page && page.commands.some(c => c.name === 'captureScreenshot'), '/json/protocol names what is served');
    assert(!protocol.domains.some(d => d.domain === 'DOM'), 'and nothing more');

    // A silent client holds a connection open and says nothing.
    const silent = net.connect(port, '127.0.0.1');
    await new Promise(resolve => silent.once('connect', resolve));

    // A client that leaves in the middle of its commands.
    const [target] = await CDP.List({port});
    const leaver = await CDP({port, target});
    leaver.send('Page.captureScreenshot', {format: 'png'}).catch(() => {});
    leaver.send('Runtime.evaluate', {expression: '6 * 7'}).catch(() => {});
    leaver.send('Page.navigate', {url: 'sandtab://pages/article.html'}).catch(() => {});
    await leaver.close();

    // The browser goes on serving everyone else.
    const client = await CDP({port, target});
    const evaluated = await client.Runtime.evaluate({expression: '6 * 7', returnByValue: true});
    assert(evaluated.result.value === 42, 'another client is served after the one that left');
    const {data} = await client.Page.captureScreenshot({format: 'png'});
    assert(Buffer.from(data, 'base64').subarray(1, 4).toString() === 'PNG', 'and gets its screenshot');
    await client.close();
    silent.destroy();
    assert(sandtab.child.exitCode === null, 'sandtab is still running');
  } finally {
    await sandtab.stop();
  }
});
