import { RoamError } from '../../core/errors.js';

/** Bytes that are not a TAP file this codec can read. */
export class TapDecodeError extends RoamError {
  constructor(what: string, cause: string) {
    super('ROAM_TAP_DECODE', `decode TAP file ${what}`, cause, {
      hint: 'Pass a TAP 3 file (BER) that starts with a TransferBatch [APPLICATION 1] or Notification [APPLICATION 2]; check it with openssl asn1parse -inform DER',
    });
  }
}

/** A TAP record or batch with a value TD.57 does not allow. */
export class TapEncodeError extends RoamError {
  constructor(what: string, cause: string) {
    super('ROAM_TAP_ENCODE', `encode ${what}`, cause, {
      hint: 'Give every call event an IMSI of 6 to 15 digits, whole non-negative units and amounts, and TADIG codes of 5 characters',
    });
  }
}
