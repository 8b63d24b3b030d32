import type { SignalingMessage, SignalingStep } from '../../simulator/signaling/signaling-step.js';

/**
 * The title of a signaling transaction as a report step:
 * `SendAuthInfo vlr:208-01 → hlr:262-01 (12.3 ms)`, with ` ✗ <cause>` when it failed.
 *
 * @example
 * ```ts
 * signalingStepTitle({ name: 'UpdateLocation', from: 'vlr:208-01', to: 'hlr:262-01', startedAt, durationMs: 8.04, result: 'ok' })
 * // 'UpdateLocation vlr:208-01 → hlr:262-01 (8.0 ms)'
 * ```
 */
export function signalingStepTitle(step: SignalingStep | SignalingMessage): string {
  const verdict = step.result === 'ok' ? '' : ` ✗ ${step.detail ?? 'error'}`;
  const ms = Number.isFinite(step.durationMs) ? step.durationMs.toFixed(1) : '?';
  return `${step.name} ${step.from} → ${step.to} (${ms} ms)${verdict}`;
}
