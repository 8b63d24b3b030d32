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
 * A certification evidence bundle that could not be built, read or signed.
 * `ROAM_EVIDENCE_SOURCE` (an input path is missing, or a TADIG code is
 * wrong), `ROAM_EVIDENCE_SECRET` (a secret would have been bundled),
 * `ROAM_EVIDENCE_MANIFEST` (nothing, or no bundle, at a path),
 * `ROAM_EVIDENCE_ARCHIVE` (a link, device or FIFO, a path outside the
 * bundle, a limit passed, a damaged archive), `ROAM_EVIDENCE_SIGNING_KEY` (a key
 * file that is not an Ed25519 or P-256 key of the right kind),
 * `ROAM_EVIDENCE_COUNTERSIGN` (a bundle that does not verify, or is
 * already signed by that key).
 */
export class EvidenceError extends RoamError {}
