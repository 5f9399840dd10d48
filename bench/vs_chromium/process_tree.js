// A process and every descendant it has now, and their memory as /proc
// tells it: summed proportional set size (shared pages split among their
// mappers, so a tree's sum counts each page once however many of its
// processes map it) and summed private bytes. Both browsers' trees are
// read the same way: sandtab's zygote-forked renderers and Chromium's
// zygote children are descendants of the process the bench started.
'use strict';
const fs = require('node:fs');

// The kernel here has no /proc/PID/task/TID/children: parents come from
// /proc/PID/stat, read once per pid seen (a pid's parent is fixed at
// birth; one reparented after its parent died was a descendant already).
class ProcessTree {
  constructor(rootPid) {
    this.root = rootPid;
    this.parents = new Map();  // pid -> ppid, for every pid seen
  }

  // The root and its live descendants, root first.
  pids() {
    const live = [];
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      if (!this.parents.has(pid)) {
        const ppid = ProcessTree.parentOf(pid);
        if (ppid === null) continue;  // gone between the listing and the read
        this.parents.set(pid, ppid);
      }
      live.push(pid);
    }
    const inTree = new Set([this.root]);
    // Parents before children is not guaranteed by pid order (pids wrap): repeat until stable.
    for (let grew = true; grew;) {
      grew = false;
      for (const pid of live) {
        if (!inTree.has(pid) && inTree.has(this.parents.get(pid))) {
          inTree.add(pid);
          grew = true;
        }
      }
    }
    return live.filter(pid => inTree.has(pid)).sort((a, b) => (a === this.root ? -1 : b === this.root ? 1 : a - b));
  }

  // {pssKib, privateKib, processes} summed over the tree now.
  memory() {
    return ProcessTree.sum(this.pids());
  }

  static sum(pids) {
    const total = {pssKib: 0, privateKib: 0, processes: 0};
    for (const pid of pids) {
      const usage = ProcessTree.usageOf(pid);
      if (!usage) continue;
      total.pssKib += usage.pssKib;
      total.privateKib += usage.privateKib;
      total.processes += 1;
    }
    return total;
  }

  static parentOf(pid) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return null;
    }
  }

  // One process's {pssKib, privateKib}, or null once it is gone.
  static usageOf(pid) {
    let text;
    try {
      text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    } catch {
      return null;
    }
    const field = name => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
      return match ? Number(match[1]) : 0;
    };
    if (!/^Pss:/m.test(text)) return null;  // a zombie's rollup is empty
    return {pssKib: field('Pss'), privateKib: field('Private_Clean') + field('Private_Dirty')};
  }
}

// The highest summed PSS of a tree while it runs, sampled every
// `periodMs` (a peak shorter than that can be missed; the reading is a
// lower bound of the true peak, for both browsers alike).
class PeakSampler {
  constructor(rootPid, periodMs) {
    this.tree = new ProcessTree(rootPid);
    this.periodMs = periodMs;
    this.peak = {pssKib: 0, privateKib: 0, processes: 0};
    this.samples = 0;
    this.timer = null;
  }

  start() {
    const sample = () => {
      const now = this.tree.memory();
      this.samples += 1;
      if (now.pssKib > this.peak.pssKib) this.peak = now;
      this.timer = setTimeout(sample, this.periodMs);
    };
    sample();
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    return this.peak;
  }
}

module.exports = {ProcessTree, PeakSampler};
