/**
 * {@link HlrProvisioning} over the VTY: `subscriber imsi X ...` commands.
 *
 * @module
 */
import { InvalidIdentityError } from '../../simulator/domain-errors.js';
import type { HlrProvisioning, MilenageKeys, NetworkAccessMode } from './provisioning.js';
import { checkImsi, checkIndBitlen, checkKey, checkMsisdn } from './provisioning-input.js';
import { parseVtySubscriber, type HlrSubscriberRecord } from './subscriber-record.js';
import { VtySession, type VtySessionOptions } from './vty.js';

const MODES: readonly NetworkAccessMode[] = ['none', 'cs', 'ps', 'cs+ps'];

/**
 * Provisioning through a VTY session; the session is at `vty` for raw commands.
 *
 * @example
 * ```ts
 * await using p = await VtyProvisioning.open({ host: hlr.address });
 * await p.createSubscriber('901700000000001');
 * await p.vty.run('show subscribers all');
 * ```
 */
export class VtyProvisioning implements HlrProvisioning {
  readonly channel = 'vty' as const;
  /** The underlying session. */
  readonly vty: VtySession;

  private constructor(vty: VtySession) {
    this.vty = vty;
  }

  /** Opens a VTY session in enable mode. */
  static async open(options: VtySessionOptions): Promise<VtyProvisioning> {
    return new VtyProvisioning(await VtySession.open(options));
  }

  async createSubscriber(imsi: string): Promise<void> {
    await this.vty.run(`subscriber imsi ${checkImsi(imsi)} create`);
  }

  async setMsisdn(imsi: string, msisdn: string | null): Promise<void> {
    await this.vty.run(`subscriber imsi ${checkImsi(imsi)} update msisdn ${msisdn === null ? 'none' : checkMsisdn(msisdn)}`);
  }

  async setMilenage(imsi: string, keys: MilenageKeys): Promise<void> {
    const k = checkKey('k', keys.k);
    const [kind, value] = keys.opc !== undefined ? ['opc', checkKey('opc', keys.opc)] : ['op', checkKey('op', keys.op ?? '')];
    const ind = keys.indBitlen !== undefined ? ` ind-bitlen ${checkIndBitlen(keys.indBitlen)}` : '';
    await this.vty.run(`subscriber imsi ${checkImsi(imsi)} update aud3g milenage k ${k} ${kind} ${value}${ind}`, { secrets: [k, value] });
  }

  async setComp128v1(imsi: string, keys: { readonly ki: string }): Promise<void> {
    const ki = checkKey('ki', keys.ki);
    await this.vty.run(`subscriber imsi ${checkImsi(imsi)} update aud2g comp128v1 ki ${ki}`, { secrets: [ki] });
  }

  async setNetworkAccessMode(imsi: string, mode: NetworkAccessMode): Promise<void> {
    if (!MODES.includes(mode))
      throw new InvalidIdentityError('networkAccessMode', JSON.stringify(mode), 'it is not a known mode', MODES.join(', '));
    await this.vty.run(`subscriber imsi ${checkImsi(imsi)} update network-access-mode ${mode}`);
  }

  async deleteSubscriber(imsi: string): Promise<void> {
    await this.vty.run(`subscriber imsi ${checkImsi(imsi)} delete`);
  }

  async showSubscriber(imsi: string): Promise<HlrSubscriberRecord> {
    return parseVtySubscriber(await this.vty.run(`subscriber imsi ${checkImsi(imsi)} show`));
  }

  async close(): Promise<void> {
    await this.vty.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
