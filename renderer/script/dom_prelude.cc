// The DOM's JavaScript half (see dom_binding.h): evaluated once per realm,
// it returns a function that gets the natives and the global, defines the
// interfaces, and hands back what C++ calls (dispatch, ...) and the
// prototypes of the node wrappers.
namespace sandtab::script {

const char* DomPrelude() {
  return R"js((function (native, global) {
'use strict';

const illegal = () => { throw new TypeError('Illegal constructor'); };

// The legacy numbers of Web IDL's exception names (0 for the newer names):
// scripts and test suites still compare `code`.
const kDomExceptionCodes = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
  InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
  TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};
class DOMException extends Error {
  constructor(message = '', name = 'Error') { super(message); this.name = name; }
  get code() { return kDomExceptionCodes[this.name] ?? 0; }
}
// ... and their constants, INDEX_SIZE_ERR = 1 to DATA_CLONE_ERR = 25.
['INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR',
 'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR',
 'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR',
 'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR', 'QUOTA_EXCEEDED_ERR',
 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR'].forEach((constant, i) => {
  Object.defineProperty(DOMException, constant, { value: i + 1, enumerable: true });
  Object.defineProperty(DOMException.prototype, constant, { value: i + 1, enumerable: true });
});
// Natives answer null, or a DOMException as "Name: message".
function check(error) {
  if (error === null || error === undefined) return;
  const colon = error.indexOf(': ');
  throw new DOMException(error.slice(colon + 2), error.slice(0, colon));
}
function requireNode(value, what) {
  if (!(value instanceof Node)) throw new TypeError(`${what}: the argument is not a Node`);
  return value;
}
function requireArgs(count, got, what) {
  if (got < count) throw new TypeError(`${what}: ${count} argument(s) required, ${got} given`);
}

// ---- Events ----
const CAPTURING = 1, AT_TARGET = 2, BUBBLING = 3;
const eventState = new WeakMap();
class Event {
  constructor(type, init = {}) {
    requireArgs(1, arguments.length, 'Event');
    this.type = String(type);
    this.bubbles = !!init.bubbles;
    this.cancelable = !!init.cancelable;
    this.defaultPrevented = false;
    this.target = null;
    this.currentTarget = null;
    this.eventPhase = 0;
    this.isTrusted = false;
    eventState.set(this, { stop: false, stopNow: false, dispatching: false });
  }
  preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
  stopPropagation() { eventState.get(this).stop = true; }
  stopImmediatePropagation() { const s = eventState.get(this); s.stop = s.stopNow = true; }
  // The legacy spellings of the same flags, and the old way to make an event.
  get cancelBubble() { return eventState.get(this).stop; }
  set cancelBubble(value) { if (value) this.stopPropagation(); }
  get returnValue() { return !this.defaultPrevented; }
  set returnValue(value) { if (!value) this.preventDefault(); }
  initEvent(type, bubbles = false, cancelable = false) {
    requireArgs(1, arguments.length, 'initEvent');
    const state = eventState.get(this);
    if (state.dispatching) return;
    state.stop = state.stopNow = false;
    Object.assign(this, { type: String(type), bubbles: !!bubbles, cancelable: !!cancelable, defaultPrevented: false,
                          isTrusted: false, target: null });
  }
}
for (const [name, value] of Object.entries({ NONE: 0, CAPTURING_PHASE: CAPTURING, AT_TARGET, BUBBLING_PHASE: BUBBLING })) {
  Object.defineProperty(Event, name, { value, enumerable: true });
  Object.defineProperty(Event.prototype, name, { value, enumerable: true });
}
class UIEvent extends Event {}
class MouseEvent extends UIEvent {
  constructor(type, init = {}) {
    super(type, init);
    this.clientX = +init.clientX || 0; this.clientY = +init.clientY || 0; this.button = +init.button || 0;
  }
}
class KeyboardEvent extends UIEvent {
  constructor(type, init = {}) { super(type, init); this.key = String(init.key ?? ''); this.code = String(init.code ?? ''); }
}
class CustomEvent extends Event {
  constructor(type, init = {}) { super(type, init); this.detail = init.detail ?? null; }
}

const listeners = new WeakMap();    // target -> Map(type -> [{callback, capture, once, removed}])
const handlers = new WeakMap();     // target -> Map(type -> function): onclick = f
const attributeHandlers = new WeakMap();  // element -> Map(type -> {source, fn}): onclick="..."

function captureOf(options) { return typeof options === 'boolean' ? options : !!(options && options.capture); }

class EventTarget {
  addEventListener(type, callback, options) {
    if (callback === null || callback === undefined) return;
    const capture = captureOf(options);
    const once = !!(options && typeof options === 'object' && options.once);
    let byType = listeners.get(this);
    if (!byType) listeners.set(this, byType = new Map());
    let list = byType.get(String(type));
    if (!list) byType.set(String(type), list = []);
    if (list.some(l => l.callback === callback && l.capture === capture)) return;
    list.push({ callback, capture, once, removed: false });
  }
  removeEventListener(type, callback, options) {
    const list = listeners.get(this)?.get(String(type));
    if (!list) return;
    const capture = captureOf(options);
    const index = list.findIndex(l => l.callback === callback && l.capture === capture);
    if (index >= 0) { list[index].removed = true; list.splice(index, 1); }
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw new TypeError('dispatchEvent: the argument is not an Event');
    return dispatch(this, event);
  }
}

const handlerEvents = ['click', 'keydown', 'keyup', 'input', 'change', 'load', 'DOMContentLoaded', 'mousedown', 'mouseup', 'submit'];
function defineHandlerProperties(target) {
  for (const type of handlerEvents) {
    if (type === 'DOMContentLoaded') continue;
    Object.defineProperty(target, 'on' + type, {
      configurable: true, enumerable: true,
      get() { return handlers.get(this)?.get(type) ?? null; },
      set(fn) {
        let byType = handlers.get(this);
        if (!byType) handlers.set(this, byType = new Map());
        if (typeof fn === 'function') byType.set(type, fn); else byType.delete(type);
      },
    });
  }
}

function handlerOf(target, type) {
  const property = handlers.get(target)?.get(type);
  if (property) return property;
  if (!(target instanceof Element)) return null;
  const source = native.getAttribute(target, 'on' + type);
  if (source === null) return null;
  let byType = attributeHandlers.get(target);
  if (!byType) attributeHandlers.set(target, byType = new Map());
  let compiled = byType.get(type);
  if (!compiled || compiled.source !== source) {
    let fn = null;
    try { fn = new Function('event', source); } catch (e) { native.reportException(e); }
    byType.set(type, compiled = { source, fn });
  }
  return compiled.fn;
}

function parentOf(target, event) {
  if (target === global || !(target instanceof Node)) return null;
  const parent = native.parent(target);
  if (parent) return parent;
  if (native.nodeType(target) === 9 && event.type !== 'load') return global;
  return null;
}

function invoke(target, event, phase) {
  event.currentTarget = target;
  const state = eventState.get(event);
  if (phase !== CAPTURING) {
    const handler = handlerOf(target, event.type);
    if (handler) {
      try {
        if (handler.call(target, event) === false) event.preventDefault();
      } catch (e) { native.reportException(e); }
      if (state.stopNow) return;
    }
  }
  const list = listeners.get(target)?.get(event.type);
  if (!list) return;
  for (const listener of list.slice()) {
    if (listener.removed) continue;
    if (phase === CAPTURING && !listener.capture) continue;
    if (phase === BUBBLING && listener.capture) continue;
    if (listener.once) target.removeEventListener(event.type, listener.callback, listener.capture);
    try {
      if (typeof listener.callback === 'function') listener.callback.call(target, event);
      else listener.callback.handleEvent(event);
    } catch (e) { native.reportException(e); }
    if (state.stopNow) return;
  }
}

function dispatch(target, event) {
  const path = [];
  for (let t = parentOf(target, event); t; t = parentOf(t, event)) path.push(t);
  const state = eventState.get(event);
  if (state.dispatching) throw new DOMException('the event is already being dispatched', 'InvalidStateError');
  state.dispatching = true;
  event.target = target;
  event.eventPhase = CAPTURING;
  for (let i = path.length - 1; i >= 0 && !state.stop; i--) invoke(path[i], event, CAPTURING);
  event.eventPhase = AT_TARGET;
  if (!state.stop) invoke(target, event, AT_TARGET);
  if (event.bubbles) {
    event.eventPhase = BUBBLING;
    for (let i = 0; i < path.length && !state.stop; i++) invoke(path[i], event, BUBBLING);
  }
  // DOM: the propagation flags are unset when the dispatch ends (a flag set
  // before it began stops it at once).
  state.dispatching = state.stop = state.stopNow = false;
  event.eventPhase = 0;
  event.currentTarget = null;
  return !event.defaultPrevented;
}

// ---- Nodes ----
class Node extends EventTarget {
  constructor() { super(); illegal(); }
  get nodeType() { return native.nodeType(this); }
  get nodeName() { return native.nodeName(this); }
  get parentNode() { return native.parent(this); }
  get parentElement() { const p = native.parent(this); return p instanceof Element ? p : null; }
  get childNodes() { return native.children(this); }
  get firstChild() { return native.child(this, 0); }
  get lastChild() { return native.child(this, -1); }
  get nextSibling() { return native.sibling(this, 1); }
  get previousSibling() { return native.sibling(this, -1); }
  get ownerDocument() { return native.nodeType(this) === 9 ? null : native.document(); }
  get isConnected() { return native.connected(this); }
  get textContent() { return native.textContent(this); }
  set textContent(value) { native.setTextContent(this, value === null || value === undefined ? '' : String(value)); }
  get nodeValue() { return this instanceof CharacterData ? native.data(this) : null; }
  hasChildNodes() { return native.child(this, 0) !== null; }
  contains(other) { return other instanceof Node && native.contains(this, other); }
  appendChild(child) { check(native.insertBefore(this, requireNode(child, 'appendChild'), null)); return child; }
  insertBefore(child, reference) {
    requireArgs(2, arguments.length, 'insertBefore');
    if (reference !== null && reference !== undefined) requireNode(reference, 'insertBefore');
    check(native.insertBefore(this, requireNode(child, 'insertBefore'), reference ?? null));
    return child;
  }
  removeChild(child) { check(native.removeChild(this, requireNode(child, 'removeChild'))); return child; }
  replaceChild(child, old) {
    requireNode(child, 'replaceChild'); requireNode(old, 'replaceChild');
    if (child !== old) { check(native.insertBefore(this, child, old)); check(native.removeChild(this, old)); }
    return old;
  }
  remove() { const parent = native.parent(this); if (parent) native.removeChild(parent, this); }
}
Object.assign(Node, { ELEMENT_NODE: 1, TEXT_NODE: 3, COMMENT_NODE: 8, DOCUMENT_NODE: 9 });

class CharacterData extends Node {
  get data() { return native.data(this); }
  set data(value) { native.setData(this, String(value)); }
  get length() { return native.data(this).length; }
}
class Text extends CharacterData {}
class Comment extends CharacterData {}

function nodesOf(args) {
  return args.map(n => n instanceof Node ? n : native.createText(String(n)));
}
function query(root, selector, firstOnly) {
  const found = native.query(root, String(selector), firstOnly);
  if (found === null) throw new DOMException(`'${selector}' is not a valid selector`, 'SyntaxError');
  return found;
}

// ---- classList ----
function validToken(token) {
  token = String(token);
  if (token === '') throw new DOMException('the token is empty', 'SyntaxError');
  if (/\s/.test(token)) throw new DOMException('the token has white space', 'InvalidCharacterError');
  return token;
}
// A list is a Proxy over its object, for the indexes (list[0]); the element
// is kept beside it (private fields do not pass through a Proxy).
const tokenOwners = new WeakMap();
const isIndex = property => typeof property === 'string' && /^(0|[1-9][0-9]*)$/.test(property);
function tokensOf(list) {
  return [...new Set((native.getAttribute(tokenOwners.get(list), 'class') ?? '').split(/[ \t\n\f\r]+/).filter(Boolean))];
}
function writeTokens(list, tokens) { native.setAttribute(tokenOwners.get(list), 'class', tokens.join(' ')); }
const indexedTokens = {
  get: (target, property, receiver) => isIndex(property) ? tokensOf(receiver)[property] : Reflect.get(target, property, receiver),
  has: (target, property) => isIndex(property) ? +property < tokensOf(target).length : Reflect.has(target, property),
};
class DOMTokenList {
  constructor(element) {
    const list = new Proxy(this, indexedTokens);
    tokenOwners.set(list, element).set(this, element);  // `this` too, for the has() trap
    return list;
  }
  get length() { return tokensOf(this).length; }
  get value() { return native.getAttribute(tokenOwners.get(this), 'class') ?? ''; }
  set value(v) { native.setAttribute(tokenOwners.get(this), 'class', String(v)); }
  item(index) { return tokensOf(this)[index] ?? null; }
  contains(token) { return tokensOf(this).includes(String(token)); }
  add(...tokens) {
    const current = tokensOf(this);
    for (const token of tokens.map(validToken)) if (!current.includes(token)) current.push(token);
    writeTokens(this, current);
  }
  remove(...tokens) {
    const removed = tokens.map(validToken);
    writeTokens(this, tokensOf(this).filter(t => !removed.includes(t)));
  }
  toggle(token, force) {
    token = validToken(token);
    const present = this.contains(token);
    const want = force === undefined ? !present : !!force;
    if (want && !present) this.add(token);
    if (!want && present) this.remove(token);
    return want;
  }
  replace(token, replacement) {
    token = validToken(token); replacement = validToken(replacement);
    const current = tokensOf(this);
    const index = current.indexOf(token);
    if (index < 0) return false;
    current[index] = replacement;
    writeTokens(this, [...new Set(current)]);
    return true;
  }
  toString() { return this.value; }
  get [Symbol.toStringTag]() { return 'DOMTokenList'; }
}
// Web IDL's iterable<DOMString>: Array's own methods, over length and the indexes.
Object.assign(DOMTokenList.prototype, {
  keys: Array.prototype.keys, values: Array.prototype.values, entries: Array.prototype.entries,
  forEach: Array.prototype.forEach, [Symbol.iterator]: Array.prototype.values,
});

// ---- style: the style attribute's declarations ----
const kebab = name => name.startsWith('--') ? name : name.replace(/[A-Z]/g, c => '-' + c.toLowerCase());
function parseStyle(text) {
  const declarations = new Map();
  for (const declaration of (text ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    if (name) declarations.set(name, declaration.slice(colon + 1).trim());
  }
  return declarations;
}
function writeStyle(element, declarations) {
  const text = [...declarations].map(([name, value]) => `${name}: ${value};`).join(' ');
  if (text) native.setAttribute(element, 'style', text); else native.removeAttribute(element, 'style');
}
function styleOf(element) {
  const read = () => parseStyle(native.getAttribute(element, 'style'));
  const methods = {
    getPropertyValue: name => read().get(String(name).toLowerCase()) ?? '',
    setProperty(name, value) {
      const declarations = read();
      name = String(name).toLowerCase();
      if (value === null || value === undefined || value === '') declarations.delete(name);
      else declarations.set(name, String(value));
      writeStyle(element, declarations);
    },
    removeProperty(name) {
      const declarations = read();
      name = String(name).toLowerCase();
      const old = declarations.get(name) ?? '';
      declarations.delete(name);
      writeStyle(element, declarations);
      return old;
    },
  };
  // style[i] is the name of its i-th declaration, in the order they were set.
  const nameAt = index => [...read().keys()][index];
  return new Proxy({}, {
    get(_, property) {
      if (typeof property !== 'string') return undefined;
      if (isIndex(property)) return nameAt(property);
      if (property in methods) return methods[property];
      if (property === 'cssText') return native.getAttribute(element, 'style') ?? '';
      if (property === 'length') return read().size;
      return methods.getPropertyValue(kebab(property === 'cssFloat' ? 'float' : property));
    },
    has: (_, property) => isIndex(property) ? nameAt(property) !== undefined
                                            : property in methods || property === 'cssText' || property === 'length',
    ownKeys: () => [...read().keys()].map((_, index) => String(index)),
    getOwnPropertyDescriptor(_, property) {
      const name = isIndex(property) ? nameAt(property) : undefined;
      return name === undefined ? undefined : { value: name, enumerable: true, configurable: true, writable: false };
    },
    set(_, property, value) {
      if (typeof property !== 'string' || isIndex(property)) return false;
      if (property === 'cssText') native.setAttribute(element, 'style', String(value));
      else methods.setProperty(kebab(property === 'cssFloat' ? 'float' : property), value);
      return true;
    },
  });
}
const classLists = new WeakMap();
const styles = new WeakMap();

class Element extends Node {
  get tagName() { return native.nodeName(this); }
  get localName() { return native.nodeName(this).toLowerCase(); }
  get id() { return native.getAttribute(this, 'id') ?? ''; }
  set id(value) { native.setAttribute(this, 'id', String(value)); }
  get className() { return native.getAttribute(this, 'class') ?? ''; }
  set className(value) { native.setAttribute(this, 'class', String(value)); }
  get classList() {
    let list = classLists.get(this);
    if (!list) classLists.set(this, list = new DOMTokenList(this));
    return list;
  }
  get style() {
    let style = styles.get(this);
    if (!style) styles.set(this, style = styleOf(this));
    return style;
  }
  getAttribute(name) { return native.getAttribute(this, String(name)); }
  setAttribute(name, value) { requireArgs(2, arguments.length, 'setAttribute'); check(native.setAttribute(this, String(name), String(value))); }
  removeAttribute(name) { native.removeAttribute(this, String(name)); }
  hasAttribute(name) { return native.getAttribute(this, String(name)) !== null; }
  toggleAttribute(name, force) {
    const present = this.hasAttribute(name);
    const want = force === undefined ? !present : !!force;
    if (want && !present) this.setAttribute(name, '');
    if (!want && present) this.removeAttribute(name);
    return want;
  }
  get innerHTML() { return native.innerHTML(this); }
  set innerHTML(html) { native.setInnerHTML(this, html === null ? '' : String(html)); }
  get outerHTML() { return native.outerHTML(this); }
  get children() { return native.children(this).filter(n => n instanceof Element); }
  get childElementCount() { return this.children.length; }
  get firstElementChild() { return this.children[0] ?? null; }
  get lastElementChild() { const c = this.children; return c[c.length - 1] ?? null; }
  get nextElementSibling() {
    let n = native.sibling(this, 1);
    while (n !== null && !(n instanceof Element)) n = native.sibling(n, 1);
    return n;
  }
  get previousElementSibling() {
    let n = native.sibling(this, -1);
    while (n !== null && !(n instanceof Element)) n = native.sibling(n, -1);
    return n;
  }
  insertAdjacentElement(where, element) {
    requireArgs(2, arguments.length, 'insertAdjacentElement');
    if (!(element instanceof Element)) throw new TypeError('insertAdjacentElement: the argument is not an Element');
    return insertAdjacent(this, where, element);
  }
  insertAdjacentText(where, data) {
    requireArgs(2, arguments.length, 'insertAdjacentText');
    insertAdjacent(this, where, native.createText(String(data)));
  }
  querySelector(selector) { return query(this, selector, true)[0] ?? null; }
  querySelectorAll(selector) { return query(this, selector, false); }
  getElementsByTagName(tag) { return query(this, tag, false); }
  getElementsByClassName(names) { return query(this, String(names).trim().split(/\s+/).map(n => '.' + n).join(''), false); }
  matches(selector) {
    const result = native.matches(this, String(selector));
    if (result === undefined) throw new DOMException(`'${selector}' is not a valid selector`, 'SyntaxError');
    return result;
  }
  closest(selector) {
    for (let e = this; e instanceof Element; e = native.parent(e)) if (e.matches(selector)) return e;
    return null;
  }
  append(...nodes) { for (const n of nodesOf(nodes)) this.appendChild(n); }
  prepend(...nodes) { const first = native.child(this, 0); for (const n of nodesOf(nodes)) this.insertBefore(n, first); }
  click() { dispatch(this, new MouseEvent('click', { bubbles: true, cancelable: true })); }
}
const HTMLElement = Element;

// DOM's "insert adjacent": null where there is no parent to insert into.
function insertAdjacent(element, where, node) {
  const parent = native.parent(element);
  switch (String(where).toLowerCase()) {
    case 'beforebegin': if (!parent) return null; check(native.insertBefore(parent, node, element)); return node;
    case 'afterbegin': check(native.insertBefore(element, node, native.child(element, 0))); return node;
    case 'beforeend': check(native.insertBefore(element, node, null)); return node;
    case 'afterend': if (!parent) return null; check(native.insertBefore(parent, node, native.sibling(element, 1))); return node;
  }
  throw new DOMException(`'${where}' is not one of beforebegin, afterbegin, beforeend, afterend`, 'SyntaxError');
}

class Document extends Node {
  get documentElement() { return native.children(this).find(n => n instanceof Element) ?? null; }
  get head() { return this.documentElement?.children.find(e => e.localName === 'head') ?? null; }
  get body() { return this.documentElement?.children.find(e => e.localName === 'body') ?? null; }
  get title() { return native.title(); }
  set title(value) { native.setTitle(String(value)); }
  get readyState() { return readyState; }
  getElementById(id) { return native.getElementById(String(id)); }
  createElement(tag) {
    requireArgs(1, arguments.length, 'createElement');
    const element = native.createElement(String(tag));
    if (element === null) throw new DOMException(`'${tag}' is not a valid element name`, 'InvalidCharacterError');
    return element;
  }
  createTextNode(data) { return native.createText(String(data)); }
  createComment(data) { return native.createComment(String(data)); }
  createEvent() { return new Event(''); }
  querySelector(selector) { return query(this, selector, true)[0] ?? null; }
  querySelectorAll(selector) { return query(this, selector, false); }
  getElementsByTagName(tag) { return query(this, tag, false); }
  getElementsByClassName(names) { return query(this, String(names).trim().split(/\s+/).map(n => '.' + n).join(''), false); }
}
let readyState = 'loading';

defineHandlerProperties(EventTarget.prototype);
defineHandlerProperties(global);
for (const name of ['addEventListener', 'removeEventListener', 'dispatchEvent']) {
  const method = EventTarget.prototype[name];
  global[name] = function (...args) { return method.apply(global, args); };
}

// ---- console ----
function format(value) {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Node) return native.nodeType(value) === 1 ? `<${value.localName}>` : value.nodeName;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch (e) {
    return String(value);
  }
}
const console = {};
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => native.console(level, args.map(format).join(' '));
}

native.setPrototypes({
  Element: Element.prototype, Text: Text.prototype, Comment: Comment.prototype, Document: Document.prototype,
});
// A page is a top-level browsing context: it is its own parent, top and
// frames, and nothing opened it (testharness.js walks parent up to top).
Object.assign(global, {
  window: global, self: global, parent: global, top: global, frames: global, opener: null,
  document: native.document(), console,
  EventTarget, Node, CharacterData, Text, Comment, Element, HTMLElement, Document,
  Event, UIEvent, MouseEvent, KeyboardEvent, CustomEvent, DOMException, DOMTokenList,
});

return {
  dispatch(target, type, bubbles, cancelable, key) {
    const event = type === 'click' ? new MouseEvent(type, { bubbles, cancelable })
        : type.startsWith('key') ? new KeyboardEvent(type, { bubbles, cancelable, key, code: '' })
        : new Event(type, { bubbles, cancelable });
    event.isTrusted = true;
    return dispatch(target, event);
  },
  dispatchWindow(type) {
    const event = new Event(type);
    event.isTrusted = true;
    return dispatch(global, event);
  },
  setReadyState(state) { readyState = state; },
};
}))js";
}

}  // namespace sandtab::script
