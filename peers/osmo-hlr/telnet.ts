/**
 * Removing telnet negotiation from a byte stream. osmo-hlr's VTY is a telnet
 * server: it sends `IAC WILL ECHO`, `IAC WILL SUPPRESS-GO-AHEAD`, `IAC DONT
 * LINEMODE`, `IAC DO NAWS` before its first prompt. We answer none of them;
 * the VTY works without.
 *
 * @module
 */

const IAC = 0xff;
const SB = 0xfa;
const SE = 0xf0;
const WILL = 0xfb;
const DONT = 0xfe;

/**
 * Strips IAC sequences, keeping state across chunks so a sequence split by
 * TCP is still removed whole.
 *
 * @example
 * ```ts
 * const telnet = new TelnetFilter();
 * socket.on('data', (chunk) => text += telnet.push(chunk).toString('latin1'));
 * ```
 */
export class TelnetFilter {
  #state: 'data' | 'iac' | 'option' | 'sub' | 'sub-iac' = 'data';

  /** The data bytes of a chunk, negotiation removed. */
  push(chunk: Uint8Array): Buffer {
    const out: number[] = [];
    for (const byte of chunk) {
      switch (this.#state) {
        case 'data':
          if (byte === IAC) this.#state = 'iac';
          else out.push(byte);
          break;
        case 'iac':
          if (byte === IAC) {
            out.push(IAC); // IAC IAC is an escaped 0xFF data byte
            this.#state = 'data';
          } else if (byte === SB) this.#state = 'sub';
          else if (byte >= WILL && byte <= DONT) this.#state = 'option';
          else this.#state = 'data';
          break;
        case 'option':
          this.#state = 'data';
          break;
        case 'sub':
          if (byte === IAC) this.#state = 'sub-iac';
          break;
        case 'sub-iac':
          this.#state = byte === SE ? 'data' : 'sub';
          break;
      }
    }
    return Buffer.from(out);
  }
}
