/**
 * Provisioning subscribers in a running osmo-hlr: create, give an MSISDN,
 * Milenage or COMP128v1 keys, a network access mode; delete; read back. Over
 * the VTY (default; edits notify the serving VLR with Insert/Delete
 * Subscriber Data) or CTRL (no notification). Keys never appear in errors.
 *
 * @module
 */
import { CtrlProvisioning } from './ctrl-provisioning.js';
import type { HlrSubscriberRecord } from './subscriber-record.js';
import { VtyProvisioning } from './vty-provisioning.js';

export type { HlrSubscriberRecord } from './subscriber-record.js';

/** Which services a subscriber may use: circuit-switched, packet-switched, both or none. */
export type NetworkAccessMode = 'none' | 'cs' | 'ps' | 'cs+ps';

/** Milenage keys: K and OPc (or OP) as 32 hex digits. */
export interface MilenageKeys {
  readonly k: string;
  /** OPc; give this or `op`. */
  readonly opc?: string;
  readonly op?: string;
  /** IND bit length, default 5. */
  readonly indBitlen?: number;
}

/** The provisioning operations, the same over VTY and CTRL. */
export interface HlrProvisioning extends AsyncDisposable {
  readonly channel: 'vty' | 'ctrl';
  /** Creates a subscriber with CS and PS access and no auth data. */
  createSubscriber(imsi: string): Promise<void>;
  /** Sets the MSISDN, or removes it with `null`. */
  setMsisdn(imsi: string, msisdn: string | null): Promise<void>;
  /** Sets 3G auth data: Milenage with K and OPc (or OP). */
  setMilenage(imsi: string, keys: MilenageKeys): Promise<void>;
  /** Sets 2G auth data: COMP128v1 with Ki. */
  setComp128v1(imsi: string, keys: { readonly ki: string }): Promise<void>;
  setNetworkAccessMode(imsi: string, mode: NetworkAccessMode): Promise<void>;
  deleteSubscriber(imsi: string): Promise<void>;
  /** The stored record, keys left out. */
  showSubscriber(imsi: string): Promise<HlrSubscriberRecord>;
  close(): Promise<void>;
}

/** Where osmo-hlr is and which interface to use. */
export interface ProvisioningOptions {
  readonly host: string;
  /** Default `vty`. */
  readonly channel?: 'vty' | 'ctrl';
  /** Default 4258 for VTY, 4259 for CTRL. */
  readonly port?: number;
  /** Per command. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Opens a provisioning session.
 *
 * @throws {HlrChannelError} when the interface cannot be reached.
 * @example
 * ```ts
 * await using hlrAdmin = await openProvisioning({ host: hlr.address });
 * await provisionSubscriber(hlrAdmin, { imsi: '901700000000001', msisdn: '4915550000001', milenage: { k, opc } });
 * ```
 */
export async function openProvisioning(options: ProvisioningOptions): Promise<HlrProvisioning> {
  const session = {
    host: options.host,
    ...(options.port ? { port: options.port } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  return options.channel === 'ctrl' ? CtrlProvisioning.open(session) : VtyProvisioning.open(session);
}

/** Everything to provision for one subscriber. */
export interface SubscriberProvision {
  readonly imsi: string;
  readonly msisdn?: string;
  readonly milenage?: MilenageKeys;
  readonly comp128v1?: { readonly ki: string };
  readonly networkAccessMode?: NetworkAccessMode;
}

/**
 * Creates a subscriber and sets what is given, in order.
 *
 * @example
 * ```ts
 * await provisionSubscriber(hlrAdmin, { imsi, milenage: { k: '465b…', opc: 'cd63…' }, networkAccessMode: 'cs' });
 * ```
 */
export async function provisionSubscriber(provisioning: HlrProvisioning, subscriber: SubscriberProvision): Promise<void> {
  const { imsi } = subscriber;
  await provisioning.createSubscriber(imsi);
  if (subscriber.msisdn !== undefined) await provisioning.setMsisdn(imsi, subscriber.msisdn);
  if (subscriber.milenage) await provisioning.setMilenage(imsi, subscriber.milenage);
  if (subscriber.comp128v1) await provisioning.setComp128v1(imsi, subscriber.comp128v1);
  if (subscriber.networkAccessMode) await provisioning.setNetworkAccessMode(imsi, subscriber.networkAccessMode);
}
