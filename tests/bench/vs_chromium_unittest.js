// Unit tests of the comparison's own machinery (bench/vs_chromium/): the
// process tree and its memory, the peak sampler, the event log a CDP wait
// reads, PATH lookup, a profile still written to when it is removed, and
// the table's medians, ratios and verdicts.
// usage: node --test vs_chromium_unittest.js
'use strict';
const assert = require('node:assert/strict');
const {spawn} = require('node:child_process');
const {EventEmitter} = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const dir = path.resolve(__dirname, '..', '..', 'bench', 'vs_chromium');
const {ProcessTree, PeakSampler} = require(path.join(dir, 'process_tree'));
const {ComparisonTable, median} = require(path.join(dir, 'report'));
const {findOnPath, removeProfile, removeLeftoverProfiles} = require(path.join(dir, 'browsers'));
const {SessionEvents} = require(path.join(dir, 'event_log'));

// A shell whose grandchild (a shell in a shell) holds `kib` of its own in a
// variable. It says ready once its sleep is forked, so the tree has all
// three processes by then (ready before the fork raced the test).
function startTree(kib) {
  const script = `sh -c 'x=$(head -c ${kib * 1024} /dev/zero | tr "\\0" a); sleep 30 & echo ready; wait' & wait`;
  return spawn('sh', ['-c', script], {stdio: ['ignore', 'pipe', 'ignore'], detached: true});
}

function waitForLine(child) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready line in 10 s')), 10000);
    child.stdout.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

test('the tree holds the root and its grandchildren, and no one else', async () => {
  const child = startTree(64);
  try {
    await waitForLine(child);
    const tree = new ProcessTree(child.pid);
    const pids = tree.pids();
    assert.equal(pids[0], child.pid, 'root first');
    assert.ok(pids.length >= 3, `the shell, its sh -c and the sleep: ${pids}`);
    assert.ok(!pids.includes(process.pid), 'not the test itself');
    for (const pid of pids.slice(1)) {
      let ancestor = ProcessTree.parentOf(pid);
      while (ancestor !== child.pid && ancestor > 1) ancestor = ProcessTree.parentOf(ancestor);
      assert.equal(ancestor, child.pid, `${pid} descends from the root`);
    }
    const memory = tree.memory();
    assert.equal(memory.processes, pids.length);
    assert.ok(memory.pssKib > 0 && memory.privateKib > 0, JSON.stringify(memory));
    const lone = ProcessTree.sum([process.pid]);
    assert.ok(lone.pssKib > 0 && lone.processes === 1);
  } finally {
    process.kill(-child.pid, 'SIGKILL');
  }
});

test('a process that is gone counts for nothing', () => {
  assert.equal(ProcessTree.usageOf(0x7ffffffe), null);
  assert.equal(ProcessTree.parentOf(0x7ffffffe), null);
  assert.deepEqual(ProcessTree.sum([0x7ffffffe]), {pssKib: 0, privateKib: 0, processes: 0});
});

test('the sampler keeps the highest reading of a growing tree', async () => {
  const child = startTree(4096);
  const sampler = new PeakSampler(child.pid, 2);
  sampler.start();
  try {
    await waitForLine(child);
    await new Promise(resolve => setTimeout(resolve, 50));
    const peak = sampler.stop();
    assert.ok(sampler.samples >= 2, `samples: ${sampler.samples}`);
    // The grandchild's 4 MiB string was alive when the line came.
    assert.ok(peak.pssKib >= 4096, `peak ${peak.pssKib} KiB`);
    assert.ok(peak.processes >= 2);
  } finally {
    sampler.stop();
    process.kill(-child.pid, 'SIGKILL');
  }
});

test('an event that came before the wait began is still found, one before the mark is not', async () => {
  const client = new EventEmitter();
  const events = new SessionEvents(client);
  client.emit('event', {method: 'Page.loadEventFired', sessionId: 'A', params: {}});
  const mark = events.mark();
  client.emit('event', {method: 'Page.frameNavigated', sessionId: 'A', params: {frame: {url: 'file:///x.html'}}});
  client.emit('event', {method: 'Page.loadEventFired', sessionId: 'B', params: {}});
  const loaded = events.loaded(mark, 'A');
  let done = false;
  loaded.then(() => (done = true));
  await new Promise(resolve => setImmediate(resolve));
  assert.equal(done, false, 'the load before the mark and the other session\'s load do not count');
  client.emit('event', {method: 'Page.loadEventFired', sessionId: 'A', params: {}});
  await loaded;
});

test('about:blank and subframes are not the navigation waited for', async () => {
  const client = new EventEmitter();
  const events = new SessionEvents(client);
  const mark = events.mark();
  client.emit('event', {method: 'Page.frameNavigated', sessionId: 'A', params: {frame: {url: 'about:blank'}}});
  client.emit('event', {method: 'Page.frameNavigated', sessionId: 'A',
                        params: {frame: {url: 'file:///f.html', parentId: 'P'}}});
  client.emit('event', {method: 'Page.loadEventFired', sessionId: 'A', params: {}});
  const loaded = events.loaded(mark, 'A');
  let done = false;
  loaded.then(() => (done = true));
  await new Promise(resolve => setImmediate(resolve));
  assert.equal(done, false);
  client.emit('event', {method: 'Page.frameNavigated', sessionId: 'A', params: {frame: {url: 'sandtab://pages/a'}}});
  client.emit('event', {method: 'Page.loadEventFired', sessionId: 'A', params: {}});
  await loaded;
});

test('PATH lookup finds executables only', () => {
  const tools = fs.mkdtempSync(path.join(os.tmpdir(), 'vs-chromium-test-'));
  try {
    fs.writeFileSync(path.join(tools, 'chromium'), '#!/bin/sh\n', {mode: 0o644});
    assert.equal(findOnPath('chromium', tools), null, 'not executable');
    fs.chmodSync(path.join(tools, 'chromium'), 0o755);
    assert.equal(findOnPath('chromium', `/nonexistent:${tools}`), path.join(tools, 'chromium'));
    fs.mkdirSync(path.join(tools, 'dir'));
    assert.equal(findOnPath('dir', tools), null, 'a directory is no browser');
    assert.equal(findOnPath('chromium', ''), null);
  } finally {
    fs.rmSync(tools, {recursive: true, force: true});
  }
});

// Chromium's helpers may write into a profile after the browser ended: what
// cannot be removed then is removed at the end of the run, not left behind.
// A writer makes folders in it as fast as it can; the first removal loses
// that race about nine times in ten, so the test tries until it does. The
// writer's last mkdir may still land after the shell is killed: the end of
// the run's removal must walk the tree again to take it.
test('a profile still being written to is removed once the writer is gone', async () => {
  let kept = null;
  for (let attempt = 0; attempt < 20 && !kept; ++attempt) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sandtab-vs-chromium-test-'));
    const writer = spawn('sh', ['-c', 'i=0; while :; do mkdir "$0/d$i" && : > "$0/d$i/f"; i=$((i+1)); done', profile],
                         {stdio: 'ignore'});
    try {
      await new Promise(resolve => setTimeout(resolve, 50));
      removeProfile(profile, {attempts: 1, delayMs: 0});
      if (fs.existsSync(profile)) kept = profile;
    } finally {
      writer.kill('SIGKILL');
      await new Promise(resolve => writer.once('exit', resolve));
    }
  }
  assert.ok(kept, 'the writer never kept a profile from going at once');
  removeLeftoverProfiles();
  assert.ok(!fs.existsSync(kept), `${kept} removed at the end`);
});

test('the table: medians, ratios, verdicts against the target', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
  const table = new ComparisonTable();
  const met = table.add('oneshot wall', 'ms', [90, 100, 110], [2000, 2100, 1900], 0.05);
  assert.equal(met.ratio, 100 / 2000);
  assert.match(table.verdict(met), /^met/);
  const missed = table.add('peak', 'KiB', [30000], [200000], 0.1);
  assert.match(table.verdict(missed), /^NOT met/);
  const measured = table.add('crash', 'ms', [5], [1000]);
  assert.equal(table.verdict(measured), 'measured');
  const text = table.text();
  assert.match(text, /oneshot wall\s+100\.0 ms\s+2\.00 s\s+0\.050x\s+met/);
  assert.match(text, /peak\s+29\.3 MiB\s+195\.3 MiB\s+0\.150x\s+NOT met/);
});
