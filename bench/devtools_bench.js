// The DevTools rows (issue 23 line 8): a CDP round trip (Runtime.evaluate
// of '1') and a Page.captureScreenshot of a 1280x800 tab, beside the
// shell's own answer to the same question (`eval 1 1`, --json), all
// against one real sandtab. Run by bench/run.sh when the test clients are
// installed (tests/devtools, npm ci into the build folder).
'use strict';
const {spawn} = require('node:child_process');
const readline = require('node:readline');
const CDP = require('chrome-remote-interface');

const binary = process.argv[2];
const smoke = process.argv.includes('--smoke');
const rounds = smoke ? 5 : 300;
const shots = smoke ? 2 : 30;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function timeEach(count, body) {
  const micros = [];
  for (let i = 0; i < count; ++i) {
    const start = process.hrtime.bigint();
    await body();
    micros.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return micros.sort((a, b) => a - b);
}

function row(name, micros, note) {
  const fmt = us => us >= 10000 ? (us / 1000).toFixed(1) + ' ms' : Math.round(us) + ' us';
  console.log(`${name.padEnd(34)} ${fmt(percentile(micros, 0.5)).padStart(10)} ${fmt(percentile(micros, 0.99)).padStart(10)}` +
              `  n=${micros.length}  ${note}`);
}

async function main() {
  const child = spawn(binary, ['--json', '--remote-debugging-port=0', 'sandtab://pages/index.html'],
                      {stdio: ['pipe', 'pipe', 'pipe']});
  const kill = setTimeout(() => child.kill('SIGKILL'), 600000);
  const port = await new Promise((resolve, reject) => {
    let text = '';
    child.stderr.on('data', chunk => {
      text += chunk;
      const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error('sandtab exited: ' + text)));
  });
  const lines = readline.createInterface({input: child.stdout});
  let waiting = null;
  lines.on('line', line => {
    if (waiting && line.includes('"result"')) {
      const done = waiting;
      waiting = null;
      done(line);
    }
  });
  const shellEval = () => new Promise(resolve => {
    waiting = resolve;
    child.stdin.write('eval 1 1\n');
  });

  const [target] = await CDP.List({port});
  const client = await CDP({port, target});
  await client.Runtime.evaluate({expression: '1'});  // the page is loaded

  console.log('\nDevTools protocol (one sandtab, tab 1280x800)   median        p99');
  row('cdp/evaluate_round_trip', await timeEach(rounds, () => client.Runtime.evaluate({expression: '1'})),
      'Runtime.evaluate(\'1\') over the page WebSocket');
  row('shell/eval_answer', await timeEach(rounds, shellEval), '`eval 1 1` on the shell (--json), the same question');
  row('cdp/capture_screenshot_1280x800', await timeEach(shots, () => client.Page.captureScreenshot({format: 'png'})),
      'compose + PNG (worker thread) + base64 + WebSocket');
  await client.close();
  child.stdin.end('quit\n');
  await new Promise(resolve => child.once('exit', resolve));
  clearTimeout(kill);
}

main().catch(error => {
  console.error('devtools bench: ' + (error.stack || error));
  process.exit(1);
});
