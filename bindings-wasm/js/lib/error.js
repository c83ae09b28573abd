// The one error class of the package, shared by its two modules (`antq` and `antq/full`):
// the Rust side constructs it (src/error.rs imports it), and the JS layer (wrap.js) turns
// every other error a call can meet (before init, a freed object, a wrong class, a trap)
// into one.

const BRAND = Symbol.for('antq.AntqError');

/** An error of antq: a real `Error` subclass with a stable `code` and the problems behind it. */
export class AntqError extends Error {
  /**
   * @param {string} code a stable code (docs/ERRORS.md)
   * @param {string} message what went wrong, naming the argument or the place
   * @param {unknown[]} [details] the problems (empty for errors that are not about content)
   * @param {{ cause?: unknown, messageVi?: string }} [options] `messageVi`: the error in Vietnamese
   */
  constructor(code, message, details = [], options = undefined) {
    super(message, options);
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
    this.messageVi = typeof options?.messageVi === 'string' ? options.messageVi : undefined;
  }

  get name() {
    return 'AntqError';
  }

  /** Also true of an `AntqError` of another copy of the package. */
  static [Symbol.hasInstance](v) {
    return v !== null && typeof v === 'object' && v[BRAND] === true;
  }
}

Object.defineProperty(AntqError.prototype, BRAND, { value: true });

/** Whether `e` is an `AntqError` (of this or any other copy of the package). */
export function isAntqError(e) {
  return e instanceof AntqError;
}
