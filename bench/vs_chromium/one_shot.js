// One headless one-shot screenshot (`--headless --screenshot=F
// --window-size=1280,800 URL`): the wall time from spawn to the exit of
// the process the bench started, or the peak summed PSS of its whole tree.
// Timed runs are never sampled (the sampler's /proc reads would share the
// two CPUs with the browser it times); memory comes from runs of its own.
'use strict';
const {spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {PeakSampler} = require('./process_tree');

const kRunTimeoutMs = 120000;
const kSamplePeriodMs = 2;

// Resolves {ms, peakKib (sampled runs only), samples}; rejects when the
// browser fails, hangs past the bound, or writes no PNG.
function runOneShot(browser, page, {sampleMemory}) {
  const screenshot = path.join(os.tmpdir(), `sandtab-vs-chromium-${process.pid}-${browser.name}.png`);
  fs.rmSync(screenshot, {force: true});
  const {command, args, cleanup} = browser.oneShotArgs(page, screenshot);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {stdio: ['ignore', 'ignore', 'pipe']});
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', chunk => (stderr = (stderr + chunk).slice(-4000)));
    const sampler = sampleMemory ? new PeakSampler(child.pid, kSamplePeriodMs) : null;
    if (sampler) sampler.start();
    const timer = setTimeout(() => child.kill('SIGKILL'), kRunTimeoutMs);
    child.on('exit', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      const peak = sampler ? sampler.stop() : null;
      if (cleanup) cleanup();
      let png = null;
      try {
        png = fs.readFileSync(screenshot);
        fs.rmSync(screenshot);
      } catch {
        // reported below
      }
      if (code !== 0 || !png || png.subarray(1, 4).toString() !== 'PNG') {
        return reject(new Error(`${browser.name} ${page}: exit ${code ?? signal}, ` +
                                `${png ? png.length + ' bytes' : 'no file'}; ${stderr.trim().split('\n').pop()}`));
      }
      resolve({ms, peakKib: peak ? peak.pssKib : null, samples: sampler ? sampler.samples : 0});
    });
  });
}

module.exports = {runOneShot, kSamplePeriodMs};
