import type { Problem } from '../antq_glue.js';

/** The stable code of an error: the core's `Error::code()`, or one the package adds (see below). */
export type ErrorCode =
  | "invalid_rule_set" | "invalid_dataset" | "unknown_preset" | "unknown_unit" | "bad_year"
  | "not_in_force" | "as_of_outside_year" | "invalid_medal_input" | "invalid_team_input" | "io"
  /** A long call stopped by a progress callback (the core's; JavaScript never passes one). */
  | "cancelled"
  /** An argument of the wrong type or shape (the message names it). */
  | "bad_argument"
  /** A call before `await init()` resolved (browsers; in Node the module is ready on import). */
  | "not_initialised"
  /** A `Dataset`, `RuleSet` or `Evaluation` used after `free()` (or the end of its `using` block). */
  | "freed_object"
  /** A bug in antq (a value that failed to serialise, a WebAssembly trap); never expected. */
  | "internal";

/**
 * What every throwing call throws, and every `try…` call returns as `error`: a real
 * subclass of `Error` with a stable `code` and the problems behind it.
 */
export declare class AntqError extends Error {
  constructor(code: ErrorCode, message: string, details?: Problem[], options?: { cause?: unknown; messageVi?: string });
  readonly name: "AntqError";
  readonly code: ErrorCode;
  /** The problems (file, line, path, unit…); empty for errors that are not about content. */
  readonly details: Problem[];
  /**
   * The error in Vietnamese: the problems with their `message_vi` where antq has one (codes,
   * ids and paths as they are). Undefined for errors the package raises itself (a wrong
   * argument, a call before `init()`, a freed object).
   */
  readonly messageVi: string | undefined;
}

/** Whether `e` is an `AntqError` (of this or any other copy of the package). */
export declare function isAntqError(e: unknown): e is AntqError;

/** What every `try…` call returns instead of throwing. */
export type AntqResult<T> = { ok: true; value: T } | { ok: false; error: AntqError };
