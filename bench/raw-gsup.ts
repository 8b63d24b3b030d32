/**
 * A minimal pipelined GSUP client on a raw socket, the reference for what
 * osmo-hlr itself can do: requests are encoded once up front, replies are
 * counted from the IPA length header without decoding, and only an
 * InsertSubscriberData request (which osmo-hlr needs answered before it
 * ends an UpdateLocation) is answered. No timers, no promises per request.
 *
 * @module
 */
import { connect, type Socket } from 'node:net';
import { encodeGsup } from '../protocols/gsup/gsup.js';
import { GsupMessageType } from '../protocols/gsup/gsup-message-types.js';
import { CcmType, IpaIdTag, IpaProtocol, OsmoExtension, encodeCcm, encodeIpaFrame, encodeOsmoFrame } from '../protocols/gsup/ipa.js';

/** What to send: SendAuthInfo for one vector, or a CS UpdateLocation. */
export type RawGsupProcedure = 'send-auth-info' | 'update-location';

const RESULT: Record<RawGsupProcedure, readonly number[]> = {
  'send-auth-info': [GsupMessageType.SendAuthInfoResult, GsupMessageType.SendAuthInfoError],
  'update-location': [GsupMessageType.UpdateLocationResult, GsupMessageType.UpdateLocationError],
};

/**
 * Keeps `window` requests in flight (one per IMSI of `imsis`, cycling) for
 * `seconds` and returns completed requests per second and how many were errors.
 */
export async function rawGsupRate(options: {
  readonly host: string;
  readonly port: number;
  readonly procedure: RawGsupProcedure;
  readonly imsis: readonly string[];
  readonly window: number;
  readonly seconds: number;
}): Promise<{ readonly perSecond: number; readonly errors: number }> {
  const { procedure, imsis } = options;
  const frame = (imsi: string) =>
    encodeOsmoFrame(
      OsmoExtension.Gsup,
      procedure === 'send-auth-info'
        ? encodeGsup({ type: GsupMessageType.SendAuthInfoRequest, imsi, numVectorsRequested: 1 })
        : encodeGsup({ type: GsupMessageType.UpdateLocationRequest, imsi, cnDomain: 'cs' }),
    );
  const requests = imsis.map(frame);
  const isdResults = new Map(
    imsis.map((imsi) => [
      imsi,
      encodeOsmoFrame(OsmoExtension.Gsup, encodeGsup({ type: GsupMessageType.InsertSubscriberDataResult, imsi, cnDomain: 'cs' })),
    ]),
  );
  const socket: Socket = connect({ host: options.host, port: options.port });
  socket.setNoDelay(true);
  let pending: Buffer = Buffer.alloc(0);
  let completed = 0;
  let errors = 0;
  let sent = 0;
  let measuring = false;
  let stopped = false;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const sendNext = () => {
    if (stopped) return;
    socket.write(requests[sent++ % requests.length]!);
  };
  let started = 0;
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    while (pending.length - at >= 3) {
      const length = pending.readUInt16BE(at);
      if (pending.length - at - 3 < length) break;
      const protocol = pending[at + 2]!;
      const payload = pending.subarray(at + 3, at + 3 + length);
      at += 3 + length;
      if (protocol === IpaProtocol.Ccm) {
        if (payload[0] === CcmType.IdGet) {
          const name = `ROAM-RAW-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
          socket.write(
            encodeIpaFrame(
              IpaProtocol.Ccm,
              encodeCcm({
                type: 'id-resp',
                entries: [
                  { tag: IpaIdTag.UnitId, value: '0/0/0' },
                  { tag: IpaIdTag.SerialNumber, value: name },
                ],
              }),
            ),
          );
          started = performance.now();
          measuring = true;
          for (let i = 0; i < options.window; i++) sendNext();
        } else if (payload[0] === CcmType.Ping) socket.write(encodeIpaFrame(IpaProtocol.Ccm, encodeCcm({ type: 'pong' })));
        continue;
      }
      // OSMO extension byte, then the GSUP message type, then the IMSI IE (tag 0x01, length, TBCD).
      const type = payload[1]!;
      if (type === GsupMessageType.InsertSubscriberDataRequest) {
        socket.write(isdResults.get(imsiOf(payload.subarray(2)))!);
        continue;
      }
      if (!RESULT[procedure].includes(type)) continue;
      if (!measuring) continue;
      completed++;
      if (type === RESULT[procedure][1]) errors++;
      if (performance.now() - started >= options.seconds * 1000) {
        if (!stopped) {
          stopped = true;
          done();
        }
      } else sendNext();
    }
    pending = pending.subarray(at);
  });
  socket.on('error', () => done());
  await finished;
  const elapsed = (performance.now() - started) / 1000;
  socket.destroy();
  return { perSecond: completed / elapsed, errors };
}

/** The IMSI of a GSUP message body whose first IE is the IMSI (as every GSUP message's is). */
function imsiOf(ies: Buffer): string {
  const length = ies[1]!;
  let digits = '';
  for (let i = 0; i < length; i++) {
    const byte = ies[2 + i]!;
    digits += String(byte & 0x0f);
    if (byte >> 4 !== 0x0f) digits += String(byte >> 4);
  }
  return digits;
}
