// The two browsers as the comparison drives them: the same page bytes
// (sandtab's built-in pages; Chromium reads the same files), the same
// window size, the same command-line shapes, and the same CDP launch
// (Chrome's "DevTools listening on" line on standard error).
'use strict';
const {spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const kWindowSize = '1280,800';
const kStartTimeoutMs = 60000;

// The first executable named `name` on PATH, or null.
function findOnPath(name, searchPath = process.env.PATH || '') {
  for (const dir of searchPath.split(':')) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

// Chromium's helper processes may still write into the profile a moment
// after the browser process ended (its component updater, for one). Node's
// own retries (fs.rmSync's maxRetries) remove the children once and then
// retry only the folder: a file made after that pass fails every retry, so
// 10 s of them still left profiles behind. Each attempt here walks the
// tree again.
function removeTree(folder, attempts, delayMs) {
  for (let attempt = 1; ; ++attempt) {
    try {
      fs.rmSync(folder, {recursive: true, force: true});
      return null;
    } catch (error) {
      if (attempt >= attempts) return error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);  // a synchronous sleep
    }
  }
}

// A profile that does not go within ~10 s is kept for
// removeLeftoverProfiles, at the end of the run, rather than thrown away
// with the rows already measured or left in /tmp.
const leftoverProfiles = [];

function removeProfile(profile, retries = {attempts: 50, delayMs: 200}) {
  if (removeTree(profile, retries.attempts, retries.delayMs)) leftoverProfiles.push(profile);
}

// Once every browser of the run has ended; says what still could not go.
function removeLeftoverProfiles() {
  for (const profile of leftoverProfiles.splice(0)) {
    const error = removeTree(profile, 10, 200);
    if (error) process.stderr.write(`vs-chromium: could not remove ${profile}: ${error.message}\n`);
  }
}

// A browser the comparison runs: its name in the table, its binary, and
// the folder of the built-in pages it is shown.
class BrowserUnderTest {
  constructor(name, binary, pagesDir) {
    this.name = name;
    this.binary = binary;
    this.pagesDir = pagesDir;
  }
}

class Sandtab extends BrowserUnderTest {
  constructor(binary, pagesDir) {
    super('sandtab', binary, pagesDir);
  }
  pageUrl(page) {
    return `sandtab://pages/${page}`;
  }
  oneShotArgs(page, screenshot) {
    return {command: this.binary, args: ['--headless', `--screenshot=${screenshot}`, `--window-size=${kWindowSize}`, page]};
  }
  // sandtab's crash policy brings a crashed tab back by itself.
  get reloadsAfterCrash() {
    return false;
  }
  // No tab of its own: the comparison opens every tab through CDP.
  launchForCdp() {
    // The shell reads stdin: a pipe kept open until stop() ends it with quit.
    const child = spawn(this.binary, ['--remote-debugging-port=0', `--window-size=${kWindowSize}`],
                        {stdio: ['pipe', 'ignore', 'pipe']});
    return waitForDevTools(child, () => child.stdin.end('quit\n'), () => {});
  }
}

class Chromium extends BrowserUnderTest {
  constructor(binary, pagesDir) {
    super('chromium', binary, pagesDir);
  }
  pageUrl(page) {
    return 'file://' + path.join(this.pagesDir, page);
  }
  // As root Chromium refuses to start without --no-sandbox; a fresh
  // profile per run (deleted after) so no run warms the next one's cache.
  oneShotArgs(page, screenshot) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sandtab-vs-chromium-'));
    return {
      command: this.binary,
      args: ['--headless', '--no-sandbox', `--user-data-dir=${profile}`, `--screenshot=${screenshot}`,
             `--window-size=${kWindowSize}`, this.pageUrl(page)],
      cleanup: () => removeProfile(profile),
    };
  }
  // Chromium shows a sad tab until someone reloads it.
  get reloadsAfterCrash() {
    return true;
  }
  // Its one about:blank tab stays open beside the comparison's own.
  launchForCdp() {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sandtab-vs-chromium-'));
    const child = spawn(this.binary,
                        ['--headless', '--no-sandbox', `--user-data-dir=${profile}`, '--remote-debugging-port=0',
                         `--window-size=${kWindowSize}`, 'about:blank'],
                        {stdio: ['ignore', 'ignore', 'pipe']});
    return waitForDevTools(child, () => child.kill('SIGTERM'),
                           () => removeProfile(profile));
  }
}

// Resolves {child, port, browserWSEndpoint, stop} once the browser prints
// Chrome's line; stop() asks it to end (SIGKILL after 10 s) and cleans up.
function waitForDevTools(child, askToEnd, cleanup) {
  let stderr = '';
  return new Promise((resolve, reject) => {
    const fail = error => {
      child.kill('SIGKILL');
      cleanup();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no "DevTools listening on" line within ${kStartTimeoutMs} ms`)),
                             kStartTimeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      cleanup();
      reject(new Error(`exited (${code ?? signal}) before listening: ${stderr.slice(-2000)}`));
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', chunk => {
      stderr += chunk;
      const match = /^DevTools listening on (ws:\/\/127\.0\.0\.1:(\d+)\/devtools\/browser\/\S+)$/m.exec(stderr);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stderr.removeAllListeners('data');
      child.stderr.resume();  // keep draining: a full pipe would block the browser
      resolve({
        child,
        browserWSEndpoint: match[1],
        port: Number(match[2]),
        stop: () => new Promise(done => {
          const finish = () => {
            cleanup();
            done();
          };
          if (child.exitCode !== null || child.signalCode !== null) return finish();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
          child.once('exit', () => {
            clearTimeout(kill);
            finish();
          });
          askToEnd();
        }),
      });
    });
  });
}

module.exports = {Sandtab, Chromium, findOnPath, kWindowSize, removeProfile, removeLeftoverProfiles};
