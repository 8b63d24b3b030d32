/**
 * A spec's link fault in the chaos layer's own words. A spec writes one fault
 * with several effects (`{ latency: 40ms, loss: 5% }`); the chaos API takes
 * one effect per fault, in the same units: milliseconds, percent, KB/s.
 *
 * @module
 */
import type { FaultSpec } from '../chaos/faults/fault-spec.js';
import type { LinkFaultSpec } from './schema-steps.js';

/**
 * The chaos faults a spec's fault on `link` stands for, one per effect.
 * A throttle has no Toxiproxy equivalent and is left out: callers that run
 * on real sockets refuse it first.
 *
 * @example
 * ```ts
 * faultSpecsOf('vlr:208-01 -> hlr:262-01', { latency: 40, loss: 5, direction: 'forward' })
 * // [{ link, type: 'latency', ms: 40, jitterMs: 0, direction: 'forward' }, { link, type: 'loss', percent: 5, direction: 'forward' }]
 * ```
 */
export function faultSpecsOf(link: string, fault: LinkFaultSpec): FaultSpec[] {
  const direction = fault.direction;
  const specs: FaultSpec[] = [];
  if (fault.latency !== undefined) {
    specs.push({ link, type: 'latency', ms: Math.round(fault.latency), jitterMs: Math.round(fault.jitter ?? 0), direction });
  }
  if (fault.loss !== undefined) specs.push({ link, type: 'loss', percent: fault.loss, direction });
  // A partition of the requests leaves nothing to answer: it cuts both ways unless the spec says reverse only.
  if (fault.partition) {
    const mode = fault.partition === 'refused' ? 'refused' : 'blackhole';
    specs.push({ link, type: 'partition', mode, direction: direction === 'forward' ? 'both' : direction });
  }
  if (fault.bandwidth !== undefined) specs.push({ link, type: 'bandwidth', kilobytesPerSecond: Math.round(fault.bandwidth), direction });
  return specs;
}
