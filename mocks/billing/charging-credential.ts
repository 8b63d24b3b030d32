import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RoamError } from '../../core/errors.js';

/** A charging secret too short to be one. */
export class WeakChargingSecretError extends RoamError {
  constructor(length: number) {
    super('ROAM_WEAK_CHARGING_SECRET', 'create charging credentials', `the secret has ${length} characters, fewer than 32`, {
      hint: 'Use ChargingCredentials.generate(), or a secret of at least 32 random characters',
    });
  }
}

/** Who a charging request came from, or why it cannot be trusted. */
export type ChargingIdentity =
  { readonly ok: true; readonly element: string } | { readonly ok: false; readonly element: string; readonly reason: string };

/** The name an unauthenticated sender is reported under. */
export const ANONYMOUS_SENDER = '(anonymous)';

const ELEMENT_NAME = /^[a-z]+:[A-Za-z0-9-]{1,20}$/;
const MAX_REMEMBERED_MACS = 1024;

/**
 * The credentials of one roaming world's charging interface: a secret the
 * world creates, from which each network element's own credential is
 * derived (`<element>.<HMAC-SHA-256 of the element name>`, base64url). A
 * billing system given the credentials authenticates the element that
 * sends each charging event, and knows who it is; an element can only
 * present its own name, since it cannot derive another's credential.
 *
 * @example
 * ```ts
 * const credentials = ChargingCredentials.generate();
 * const vlr = new BillingClient({ baseUrl, authorization: credentials.authorizationFor('vlr:208-01') });
 * credentials.verify(request.headers.get('authorization')) // { ok: true, element: 'vlr:208-01' }
 * ```
 */
export class ChargingCredentials {
  readonly #secret: Buffer;
  /** The MACs of the element names seen: every charging event of a busy world would compute its sender's again. */
  readonly #macs = new Map<string, Buffer>();

  /** @throws {WeakChargingSecretError} for a secret under 32 characters. */
  constructor(secret: string) {
    if (secret.length < 32) throw new WeakChargingSecretError(secret.length);
    this.#secret = Buffer.from(secret, 'utf8');
  }

  /** Credentials from a fresh random secret: one per world. */
  static generate(): ChargingCredentials {
    return new ChargingCredentials(randomBytes(32).toString('base64url'));
  }

  /** The credential of `element` (e.g. `vlr:208-01`): its name and a MAC over it. */
  credentialFor(element: string): string {
    return `${element}.${this.#mac(element).toString('base64url')}`;
  }

  /** The `Authorization` header value `element` sends: `Bearer <credential>`. */
  authorizationFor(element: string): string {
    return `Bearer ${this.credentialFor(element)}`;
  }

  /** Who sent a request with this `Authorization` header, or why it is not trusted. Compares in constant time. */
  verify(authorization: string | null | undefined): ChargingIdentity {
    if (!authorization)
      return { ok: false, element: ANONYMOUS_SENDER, reason: 'no credential (send "Authorization: Bearer <credential>")' };
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match) return { ok: false, element: ANONYMOUS_SENDER, reason: 'the Authorization header is not "Bearer <credential>"' };
    const token = match[1]!;
    const dot = token.lastIndexOf('.');
    const element = dot > 0 ? token.slice(0, dot) : '';
    if (!ELEMENT_NAME.test(element)) return { ok: false, element: ANONYMOUS_SENDER, reason: 'the credential names no element' };
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.#mac(element);
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    return same
      ? { ok: true, element }
      : { ok: false, element, reason: `the credential of ${element} does not verify (not issued by this world)` };
  }

  #mac(element: string): Buffer {
    let mac = this.#macs.get(element);
    if (mac === undefined) {
      mac = createHmac('sha256', this.#secret).update(`roam charging credential\0${element}`).digest();
      // Bounded: names come from requests, and anybody can send a new one.
      if (this.#macs.size >= MAX_REMEMBERED_MACS) this.#macs.clear();
      this.#macs.set(element, mac);
    }
    return mac;
  }

  /** Never shows the secret. */
  toJSON(): string {
    return '[ChargingCredentials]';
  }
}
