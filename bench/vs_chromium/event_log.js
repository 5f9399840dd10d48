// The events of a CDP connection in arrival order, and bounded waits that
// read them from a point on: a wait never misses an event that came before
// it began, and never takes one from before that point.
'use strict';

const kEventTimeoutMs = 30000;

function withTimeout(promise, ms, what) {
  let timer;
  const bound = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

// Every event of every session (flat sessions: each message names its sessionId).
class SessionEvents {
  constructor(client) {
    this.log = [];
    this.waiters = [];
    client.on('event', message => {
      this.log.push(message);
      this.waiters = this.waiters.filter(waiter => !waiter(message));
    });
  }

  mark() {
    return this.log.length;
  }

  // The first event from `from` on that `match`es (method, params, sessionId).
  next(from, match, what) {
    const found = this.log.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return withTimeout(new Promise(resolve => {
      this.waiters.push(message => (match(message) ? (resolve(message), true) : false));
    }), kEventTimeoutMs, what);
  }

  // The load event of a document other than about:blank in `sessionId`, from `from` on.
  async loaded(from, sessionId) {
    const navigated = await this.next(from, m => m.sessionId === sessionId && m.method === 'Page.frameNavigated' &&
                                                 !m.params.frame.parentId && m.params.frame.url !== 'about:blank',
                                      'Page.frameNavigated');
    await this.next(this.log.indexOf(navigated) + 1,
                    m => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 'Page.loadEventFired');
  }
}

module.exports = {SessionEvents, kEventTimeoutMs, sleep, withTimeout};
