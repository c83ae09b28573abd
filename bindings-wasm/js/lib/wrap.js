// The JS layer over wasm-bindgen's glue, shared by both modules of the package (the default
// one, `antq`, and the analysis one, `antq/full`). It converts, it decides nothing:
//
// - every error a call can meet becomes an `AntqError` with a code: before `init()`
//   (`not_initialised`), a freed object (`freed_object`), an argument of the wrong class
//   (`bad_argument`, naming it), anything else the glue or the engine throws (`internal`);
//   the `try…` calls return them as `{ ok: false, error }` instead;
// - a `Dataset` or `RuleSet` of one module passed to the other is copied into it (through
//   its JSON, once: the copy is kept while the original lives, and freed with it), so the
//   two modules' objects can be mixed;
// - `free()` is idempotent.
//
// Arguments other than objects of the package's classes (strings, years, counts, options)
// are checked on the Rust side (src/args.rs), which names them too.

import { AntqError } from './error.js';

/** The classes wasm-bindgen makes; their instances hold a pointer into the module's memory. */
const CLASSES = ['Dataset', 'RuleSet', 'Evaluation'];

const DS = [0, 'dataset', 'Dataset'];
const DS_RULES = [DS, [1, 'rules', 'RuleSet']];
/**
 * The parameters of each export that take an object of the package's classes:
 * [index, name, class]. `test/node/js-layer.test.mjs` checks this against the glue.
 */
export const CLASS_PARAMS = {
  validateSupplement: [[1, 'base', 'RuleSet']],
  validateDatasetFor: [[1, 'rules', 'RuleSet']],
  evaluate: DS_RULES,
  stats: [DS],
  review: DS_RULES,
  whatIf: DS_RULES,
  impact: [DS, [1, 'base', 'RuleSet'], [2, 'changed', 'RuleSet']],
  sensitivity: DS_RULES,
  compareYears: DS_RULES,
  'RuleSet.withRuleSet': [[0, 'other', 'RuleSet']],
};

/** The modules of the package loaded in this realm (both may be: `antq` and `antq/full`). */
const modules = [];
/** original (of one module) → its copies in the other module. */
const copies = new WeakMap();

function describe(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return 'a BigInt';
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  for (const m of modules) {
    for (const c of CLASSES) if (v instanceof m.classes[c]) return `${/^[AEIOU]/.test(c) ? 'an' : 'a'} ${c}`;
  }
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const badArgument = (message) => new AntqError('bad_argument', message);

/** Whether `v` is a plain object or array: what is handed to the module as JSON. */
const isPlain = (v) => v !== null && typeof v === 'object'
  && (Array.isArray(v) || [Object.prototype, null].includes(Object.getPrototypeOf(v)));

/**
 * The path and value of the first number in `v` that JSON has no value for (NaN, ±Infinity),
 * in document order: `JSON.stringify` would write it as `null`, which antq reads as no value
 * (unknown), so it is refused instead, naming the field.
 */
function nonFinite(v) {
  const seen = new Set();
  const stack = [[v, '']];
  while (stack.length) {
    const [o, path] = stack.pop();
    if (seen.has(o)) continue;
    seen.add(o);
    const fields = Array.isArray(o) ? o.map((x, i) => [`${path}[${i}]`, x]) : Object.keys(o).map((k) => [path ? `${path}.${k}` : k, o[k]]);
    const nested = [];
    for (const [p, x] of fields) {
      if (typeof x === 'number' && !Number.isFinite(x)) return [p, x];
      if (isPlain(x)) nested.push([x, p]);
    }
    stack.push(...nested.reverse());
  }
  return undefined;
}

/** Any error as an `AntqError` (those made by the Rust side already are). */
export function toAntqError(e, m) {
  if (e instanceof AntqError) return e;
  if (e instanceof WebAssembly.RuntimeError) {
    // A trap (there should be none: the core never panics). The module's state may be
    // inconsistent after it, so the module refuses further calls.
    if (m) m.trapped = e;
    return new AntqError('internal', `antq: the WebAssembly module trapped (${e.message}); this is a bug in antq, please report it. Reload to use antq again.`, [], { cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  if (message === 'null pointer passed to rust') {
    return new AntqError('freed_object', 'antq: an object was used after free()', [], { cause: e });
  }
  const cls = /^expected instance of (\w+)$/.exec(message);
  if (cls) return new AntqError('bad_argument', `antq: expected a ${cls[1]}`, [], { cause: e });
  return new AntqError('internal', `antq: ${message}`, [], { cause: e });
}

function live(v, what, cls) {
  if (v.__wbg_ptr === 0) {
    return new AntqError('freed_object', `${what}: this ${cls} was freed (free(), or the end of its \`using\` block) and can no longer be used`);
  }
  if (typeof v.__wbg_ptr !== 'number') {
    return badArgument(`${what}: not a ${cls} made by antq (make one with ${cls}.${cls === 'Evaluation' ? 'evaluate()' : 'fromText(), fromObject()…'})`);
  }
  return undefined;
}

/** `v` as an object of module `m`'s class `cls`: itself, a copy of another module's, or an error. */
function own(m, v, what, cls) {
  if (v instanceof m.classes[cls]) {
    const e = live(v, what, cls);
    if (e) throw e;
    return v;
  }
  for (const other of modules) {
    if (other === m || !(v instanceof other.classes[cls])) continue;
    const e = live(v, what, cls);
    if (e) throw e;
    return adopt(m, v, cls);
  }
  throw badArgument(`${what}: expected a ${cls}, got ${describe(v)}`);
}

/** A copy in module `m` of a `Dataset` or `RuleSet` of another module, made once. */
function adopt(m, v, cls) {
  let list = copies.get(v);
  const found = list?.find((c) => c instanceof m.classes[cls] && c.__wbg_ptr !== 0);
  if (found) return found;
  // The original passed its module's checks, with whatever limits it was read under: the
  // copy is not held to the default limits again.
  const limits = Object.fromEntries(Object.keys(m.api.defaultLimits()).map((k) => [k, 0xffffffff]));
  const ruleSet = (data) => m.classes.RuleSet.fromText(JSON.stringify(data), 'rules.json', limits);
  let copy;
  if (cls === 'Dataset') {
    copy = m.classes.Dataset.fromText(v.toJSONString(), 'dataset.json', limits);
  } else if (cls === 'RuleSet') {
    copy = ruleSet(v.toJSON());
    for (const p of v.__antqPrerequisites()) copy = copy.withRuleSet(ruleSet(p));
  } else {
    throw badArgument(`an ${cls} of one module of antq cannot be used by the other`);
  }
  if (!list) copies.set(v, (list = []));
  list.push(copy);
  return copy;
}

function ready(m) {
  if (m.trapped) {
    throw new AntqError('internal', 'antq: an earlier call trapped (a bug in antq); reload to use antq again', [], { cause: m.trapped });
  }
  if (!m.ready) {
    throw new AntqError('not_initialised', `antq: the module is not initialised: call \`await init()\` (the default export of '${m.name}') before using it; in Node it is ready on import`);
  }
}

const isTry = (name) => /^try[A-Z]/.test(name);
/** `tryFoo` is checked like `foo`. */
const plain = (name) => (isTry(name) ? name[3].toLowerCase() + name.slice(4) : name);

function wrapFunction(m, name, fn, { cls, key } = {}) {
  const params = CLASS_PARAMS[cls ? `${cls}.${plain(key)}` : plain(name)] ?? [];
  const returnsResult = isTry(key ?? name);
  const label = cls ? `${cls}.${key}` : name;
  const wrapped = function (...args) {
    try {
      ready(m);
      if (cls) {
        if (!(this instanceof m.classes[cls])) throw badArgument(`${label}: called on ${describe(this)}, not on a ${cls}`);
        const e = live(this, label, cls);
        if (e) throw e;
      }
      for (const [i, what, c] of params) args[i] = own(m, args[i], what, c);
      for (const a of args) {
        const bad = isPlain(a) && nonFinite(a);
        if (bad) {
          throw badArgument(`${label}: \`${bad[0]}\` is ${bad[1]}, which JSON has no number for (it would be read as no value): give a number, or leave the field out when it is unknown`);
        }
      }
      return fn.apply(this, args);
    } catch (e) {
      const error = toAntqError(e, m);
      if (returnsResult) return { ok: false, error };
      throw error;
    }
  };
  Object.defineProperty(wrapped, 'name', { value: key ?? name });
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped;
}

/** Wraps a class's methods, getters and static functions in place (its identity stays). */
function wrapClass(m, cls) {
  const C = m.classes[cls];
  const proto = C.prototype;
  for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
    if (key === 'constructor' || key === 'free' || key.startsWith('__wbg') || key === '__destroy_into_raw') continue;
    if (typeof d.value === 'function') {
      Object.defineProperty(proto, key, { ...d, value: wrapFunction(m, key, d.value, { cls, key }) });
    } else if (d.get) {
      Object.defineProperty(proto, key, { ...d, get: wrapFunction(m, key, d.get, { cls, key }) });
    }
  }
  const free = proto.free;
  const idempotentFree = function free_() {
    if (this?.__wbg_ptr === 0 || typeof this?.__wbg_ptr !== 'number') return;
    for (const c of copies.get(this) ?? []) c.free();
    copies.delete(this);
    free.call(this);
  };
  Object.defineProperty(idempotentFree, 'name', { value: 'free' });
  proto.free = idempotentFree;
  if (Symbol.dispose) proto[Symbol.dispose] = idempotentFree;
  for (const key of Object.getOwnPropertyNames(C)) {
    if (['length', 'name', 'prototype'].includes(key) || key.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(C, key);
    if (typeof d.value === 'function') {
      Object.defineProperty(C, key, { ...d, value: wrapFunction(m, `${cls}.${key}`, d.value, { key }) });
    }
  }
}

/**
 * The API of one module from its glue: `{ api, init, initSync }`. `name` is the specifier
 * users import (`antq`, `antq/full`), `wasmUrl()` where the `.wasm` is by default (a
 * function: with esbuild's IIFE output `import.meta.url` is undefined until init is called).
 */
export function makeModule(glue, name, wasmUrl) {
  const m = { name, ready: false, trapped: undefined, classes: {} };
  for (const c of CLASSES) m.classes[c] = glue[c];
  modules.push(m);
  for (const c of CLASSES) wrapClass(m, c);
  const api = (m.api = {});
  for (const [key, v] of Object.entries(glue)) {
    if (key === 'default' || key === 'initSync') continue;
    api[key] = CLASSES.includes(key) ? v : wrapFunction(m, key, v);
  }

  /** Loads and instantiates the module (browsers); resolves at once when it is ready. */
  async function init(input) {
    if (m.ready) return;
    const source = input === undefined ? wasmUrl() : input;
    const arg = source !== null && typeof source === 'object' && Object.getPrototypeOf(source) === Object.prototype
      ? source
      : { module_or_path: source };
    try {
      await glue.default(arg);
    } catch (e) {
      const where = arg.module_or_path instanceof URL || typeof arg.module_or_path === 'string' ? ` from ${arg.module_or_path}` : '';
      throw new AntqError('io', `antq: could not load its WebAssembly module${where}: ${e?.message ?? e}. With esbuild, serve the package's .wasm file beside the bundle or pass its URL to init() (see the package README).`, [], { cause: e });
    }
    m.ready = true;
  }

  /** Instantiates the module synchronously from its bytes or a compiled `WebAssembly.Module`. */
  function initSync(input) {
    if (m.ready) return;
    const arg = input !== null && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype
      ? input
      : { module: input };
    try {
      glue.initSync(arg);
    } catch (e) {
      throw new AntqError('io', `antq: could not instantiate its WebAssembly module: ${e?.message ?? e}`, [], { cause: e });
    }
    m.ready = true;
  }

  return { api, init, initSync };
}
