// Starts the real sandtab binary with --remote-debugging-port=0 and finds
// its port in Chrome's stderr line, as Puppeteer's launcher does.
'use strict';
const {spawn} = require('node:child_process');
const path = require('node:path');

const kStartTimeoutMs = 20000;

function startSandtab(binary, extraArgs = []) {
  // The shell reads stdin: it stays open (a pipe) until stop().
  const child = spawn(binary, ['--remote-debugging-port=0', ...extraArgs], {stdio: ['pipe', 'ignore', 'pipe']});
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no "DevTools listening on" line within ' + kStartTimeoutMs + ' ms; stderr: ' + stderr));
    }, kStartTimeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`sandtab exited (${code ?? signal}) before listening; stderr: ${stderr}`));
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', chunk => {
      stderr += chunk;
      const match = /^DevTools listening on (ws:\/\/127\.0\.0\.1:(\d+)\/devtools\/browser\/[0-9A-F]{32})$/m.exec(stderr);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        child,
        browserWSEndpoint: match[1],
        port: Number(match[2]),
        browserURL: `http://127.0.0.1:${match[2]}`,
        stderr: () => stderr,
        stop: () => new Promise(done => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.stdin.end('quit\n');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
      });
    });
  });
}

// The binary and the content root come from ctest's command line.
function sandtabFromArgs() {
  const binary = process.argv[2];
  if (!binary) throw new Error('usage: node TEST.js /path/to/sandtab');
  return path.resolve(binary);
}

// Fails the process on anything unexpected, with a bound on the whole test.
function runTest(name, timeoutMs, body) {
  const timer = setTimeout(() => {
    console.error(`${name}: timed out after ${timeoutMs} ms`);
    process.exit(1);
  }, timeoutMs);
  body().then(() => {
    clearTimeout(timer);
    console.log(`${name}: ok`);
    process.exit(0);
  }, error => {
    console.error(`${name}: FAILED: ${error && error.stack || error}`);
    process.exit(1);
  });
}

function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

module.exports = {startSandtab, sandtabFromArgs, runTest, assert};
