/**
 * {@link HlrProvisioning} over CTRL: `SET subscriber.create`, `SET
 * subscriber.by-imsi-X.aud3g ...` and so on. The serving VLR is not told.
 *
 * @module
 */
import { InvalidIdentityError } from '../../simulator/domain-errors.js';
import { CtrlSession, type CtrlSessionOptions } from './ctrl.js';
import type { HlrProvisioning, MilenageKeys, NetworkAccessMode } from './provisioning.js';
import { checkImsi, checkIndBitlen, checkKey, checkMsisdn } from './provisioning-input.js';
import { parseCtrlSubscriber, type HlrSubscriberRecord } from './subscriber-record.js';

const ACCESS: Record<NetworkAccessMode, { cs: '0' | '1'; ps: '0' | '1' }> = {
  none: { cs: '0', ps: '0' },
  cs: { cs: '1', ps: '0' },
  ps: { cs: '0', ps: '1' },
  'cs+ps': { cs: '1', ps: '1' },
};

/**
 * Provisioning through a CTRL session; the session is at `ctrl` for raw commands.
 *
 * @example
 * ```ts
 * await using p = await CtrlProvisioning.open({ host: hlr.address });
 * await p.createSubscriber('901700000000001');
 * ```
 */
export class CtrlProvisioning implements HlrProvisioning {
  readonly channel = 'ctrl' as const;
  /** The underlying session. */
  readonly ctrl: CtrlSession;

  private constructor(ctrl: CtrlSession) {
    this.ctrl = ctrl;
  }

  /** Opens a CTRL session. */
  static async open(options: CtrlSessionOptions): Promise<CtrlProvisioning> {
    return new CtrlProvisioning(await CtrlSession.open(options));
  }

  async createSubscriber(imsi: string): Promise<void> {
    await this.ctrl.set('subscriber.create', checkImsi(imsi));
  }

  async setMsisdn(imsi: string, msisdn: string | null): Promise<void> {
    await this.ctrl.set(`${node(imsi)}.msisdn`, msisdn === null ? 'none' : checkMsisdn(msisdn));
  }

  async setMilenage(imsi: string, keys: MilenageKeys): Promise<void> {
    const k = checkKey('k', keys.k);
    const [kind, value] = keys.opc !== undefined ? ['OPC', checkKey('opc', keys.opc)] : ['OP', checkKey('op', keys.op ?? '')];
    const ind = keys.indBitlen !== undefined ? `,${checkIndBitlen(keys.indBitlen)}` : '';
    await this.ctrl.set(`${node(imsi)}.aud3g`, `milenage,${k},${kind},${value}${ind}`, [k, value]);
  }

  async setComp128v1(imsi: string, keys: { readonly ki: string }): Promise<void> {
    const ki = checkKey('ki', keys.ki);
    await this.ctrl.set(`${node(imsi)}.aud2g`, `comp128v1,${ki}`, [ki]);
  }

  async setNetworkAccessMode(imsi: string, mode: NetworkAccessMode): Promise<void> {
    const access = ACCESS[mode];
    if (!access)
      throw new InvalidIdentityError('networkAccessMode', JSON.stringify(mode), 'it is not a known mode', Object.keys(ACCESS).join(', '));
    await this.ctrl.set(`${node(imsi)}.cs-enabled`, access.cs);
    await this.ctrl.set(`${node(imsi)}.ps-enabled`, access.ps);
  }

  async deleteSubscriber(imsi: string): Promise<void> {
    await this.ctrl.set('subscriber.delete', checkImsi(imsi));
  }

  async showSubscriber(imsi: string): Promise<HlrSubscriberRecord> {
    return parseCtrlSubscriber(await this.ctrl.get(`${node(imsi)}.info-all`));
  }

  async close(): Promise<void> {
    await this.ctrl.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function node(imsi: string): string {
  return `subscriber.by-imsi-${checkImsi(imsi)}`;
}
