import { RoamError } from '../core/errors.js';

/**
 * A report, chart or attachment that could not be made. `code` tells which:
 * `ROAM_REPORT_OUTPUT` (the HTML report), `ROAM_PARTNER_LINK` (a partner
 * test-case link template), `ROAM_SLO_SUMMARY` (the SLO summary).
 *
 * @example
 * ```ts
 * try { await buildHtmlReport() } catch (e) { if (e instanceof ReportError) console.error(e.message) }
 * ```
 */
export class ReportError extends RoamError {}

/**
 * A certification evidence bundle that could not be built or read.
 * `ROAM_EVIDENCE_SOURCE` (an input path is missing), `ROAM_EVIDENCE_SECRET`
 * (a secret would have been bundled), `ROAM_EVIDENCE_MANIFEST` (a bundle
 * without a readable manifest).
 */
export class EvidenceError extends RoamError {}
