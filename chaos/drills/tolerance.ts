/**
 * Tolerances of steady-state probes, as Chaos Toolkit users write them: a
 * comparison (`'>= 0.99'`, `'< 500'`), an exact value (`true`, `200`), a
 * range (`{ min: 0.95, max: 1 }`), or a predicate.
 *
 * @module
 */

/** What a probe returns. */
export type ProbeValue = number | boolean;

/** How close to normal a probe's value must be. */
export type Tolerance = string | number | boolean | { readonly min?: number; readonly max?: number } | ((value: ProbeValue) => boolean);

/** A tolerance, ready to check values. */
export interface CompiledTolerance {
  /** As written, e.g. `>= 0.99`. */
  readonly text: string;
  accepts(value: ProbeValue): boolean;
}

const COMPARISON = /^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?|true|false)\s*$/;

/**
 * Compiles a tolerance.
 *
 * @returns undefined for a string that is not a comparison (the drill schema reports it)
 * @example
 * ```ts
 * compileTolerance('>= 0.99')?.accepts(1) // true
 * ```
 */
export function compileTolerance(tolerance: Tolerance): CompiledTolerance | undefined {
  if (typeof tolerance === 'function') return { text: 'a predicate', accepts: (v) => tolerance(v) === true };
  if (typeof tolerance === 'number' || typeof tolerance === 'boolean') {
    return { text: `== ${tolerance}`, accepts: (v) => v === tolerance };
  }
  if (typeof tolerance === 'object') {
    const { min = -Infinity, max = Infinity } = tolerance;
    return { text: `${min} to ${max}`, accepts: (v) => typeof v === 'number' && v >= min && v <= max };
  }
  const match = COMPARISON.exec(tolerance);
  if (!match) return undefined;
  const op = match[1]!;
  const operand = match[2] === 'true' ? true : match[2] === 'false' ? false : Number(match[2]);
  const text = `${op} ${String(operand)}`;
  if (typeof operand === 'boolean') {
    if (op !== '==' && op !== '!=') return undefined;
    return { text, accepts: (v) => (op === '==' ? v === operand : v !== operand) };
  }
  const compare: Record<string, (a: number) => boolean> = {
    '>=': (a) => a >= operand,
    '<=': (a) => a <= operand,
    '>': (a) => a > operand,
    '<': (a) => a < operand,
    '==': (a) => a === operand,
    '!=': (a) => a !== operand,
  };
  return { text, accepts: (v) => typeof v === 'number' && compare[op]!(v) };
}
