/**
 * A real HLR: SendAuthInfo and UpdateLocation rates against osmo-hlr through
 * our GsupClient, against a minimal pipelined raw-socket GSUP client (the
 * reference for osmo-hlr's own ceiling), raising concurrency until the rate
 * stops rising.
 *
 * @module
 */
import { cpus } from 'node:os';
import { GsupClient } from '../peers/gsup/gsup-client.js';
import { findOsmoHlr, startOsmoHlr } from '../peers/osmo-hlr/launcher.js';
import { openProvisioning, provisionSubscriber } from '../peers/osmo-hlr/provisioning.js';
import { closedLoops, formatSpread, spread, type Benchmark, type BenchMode, type BenchRow, type BenchTarget } from './harness.js';
import { rawGsupRate, type RawGsupProcedure } from './raw-gsup.js';

/** TS 35.208 test set 1 (a public test key, not a secret). */
const K = '465b5ce8b199b49faa5f0a2ee238a6bc';
const OPC = 'cd63cb71954a9f4e48a5994e37a02baf';
const TARGET_SHARE = 0.9;

const SETTINGS: Record<BenchMode, { levels: readonly number[]; rounds: number; seconds: number }> = {
  quick: { levels: [1, 16], rounds: 1, seconds: 1 },
  full: { levels: [1, 4, 16, 64], rounds: 3, seconds: 2 },
};

const PROCEDURES: readonly { id: RawGsupProcedure; label: string }[] = [
  { id: 'send-auth-info', label: 'SendAuthInfo (1 vector)' },
  { id: 'update-location', label: 'UpdateLocation (CS, with InsertSubscriberData)' },
];

/** `concurrency` requests in flight through our GsupClient, one IMSI each, for `seconds`. */
async function oursRate(client: GsupClient, procedure: RawGsupProcedure, imsis: readonly string[], concurrency: number, seconds: number) {
  let done = 0;
  let errors = 0;
  const elapsed = await closedLoops(Math.min(concurrency, imsis.length), seconds, async (loop) => {
    const imsi = imsis[loop]!;
    try {
      if (procedure === 'send-auth-info') await client.sendAuthInfo(imsi, { count: 1 });
      else await client.updateLocation(imsi, { cnDomain: 'cs' });
    } catch {
      errors++;
    }
    done++;
  });
  return { perSecond: done / elapsed, errors };
}

/** Our GSUP client against osmo-hlr's ceiling. */
export const benchmark: Benchmark = {
  name: 'osmo-hlr',
  title: 'Real HLR: SendAuthInfo and UpdateLocation against osmo-hlr',
  method:
    'osmo-hlr (the installed binary, started by our launcher on a 127.0.0.x address with its database in a temp dir) gets subscribers with ' +
    'Milenage keys (TS 35.208 test set 1) over VTY. At each concurrency, our GsupClient (one IPA connection, one IMSI per request in flight, ' +
    'each awaiting its reply) and a minimal raw-socket client (requests encoded once, the same number kept in flight by writing the next one ' +
    'on each reply, replies counted from the IPA header) alternate round by round for a fixed time; the table shows completed requests per ' +
    'second, median of rounds with min and max. osmo-hlr’s ceiling is the best raw rate over all concurrencies; ours is held to it.',
  async run(mode) {
    if (!findOsmoHlr())
      return {
        rows: [],
        notes: ['osmo-hlr is not installed (apt-get install osmo-hlr, or set OSMO_HLR_BIN), so this benchmark was skipped.'],
      };
    const settings = SETTINGS[mode];
    const count = Math.max(...settings.levels);
    const imsis = Array.from({ length: count }, (_, i) => `90170${String(i + 1).padStart(10, '0')}`);
    const rows: BenchRow[] = [];
    const targets: BenchTarget[] = [];
    const notes: string[] = [];
    await using hlr = await startOsmoHlr();
    {
      await using admin = await openProvisioning({ host: hlr.address });
      for (const [i, imsi] of imsis.entries())
        await provisionSubscriber(admin, { imsi, msisdn: `49155${String(i + 1).padStart(8, '0')}`, milenage: { k: K, opc: OPC } });
    }
    await using client = await GsupClient.connect({ host: hlr.address });
    for (const procedure of PROCEDURES) {
      let bestRaw = 0;
      let bestOurs = 0;
      let bestOursAt = 0;
      let bestRawAt = 0;
      for (const concurrency of settings.levels) {
        const ours: number[] = [];
        const raw: number[] = [];
        let errors = 0;
        for (let round = 0; round < settings.rounds; round++) {
          const o = await oursRate(client, procedure.id, imsis, concurrency, settings.seconds);
          const r = await rawGsupRate({
            host: hlr.address,
            port: hlr.gsupPort,
            procedure: procedure.id,
            imsis: imsis.slice(0, concurrency),
            window: concurrency,
            seconds: settings.seconds,
          });
          ours.push(o.perSecond);
          raw.push(r.perSecond);
          errors += o.errors + r.errors;
        }
        const o = spread(ours);
        const r = spread(raw);
        if (o.median > bestOurs) [bestOurs, bestOursAt] = [o.median, concurrency];
        if (r.median > bestRaw) [bestRaw, bestRawAt] = [r.median, concurrency];
        rows.push({
          procedure: procedure.label,
          'in flight': concurrency,
          'ours (GsupClient) /s': formatSpread(o),
          'raw socket /s': formatSpread(r),
          'ours / raw': (o.median / r.median).toFixed(2),
          errors,
        });
      }
      const share = bestOurs / bestRaw;
      targets.push({
        name: `${procedure.label}: our best rate over osmo-hlr's ceiling`,
        target: `>= ${TARGET_SHARE.toFixed(2)}`,
        measured: `${share.toFixed(2)} (${Math.round(bestOurs)}/s at ${bestOursAt} in flight vs ${Math.round(bestRaw)}/s at ${bestRawAt})`,
        met: share >= TARGET_SHARE,
        ...(share < TARGET_SHARE
          ? {
              note: `short by ${(TARGET_SHARE - share).toFixed(2)}: our client decodes every reply into a message object, matches it to its pending request by IMSI and settles a promise per request, where the raw client only counts frames; on ${cpus().length} cores the client's CPU competes with osmo-hlr's`,
            }
          : {}),
      });
    }
    notes.push(
      `osmo-hlr at ${hlr.address} (pid ${hlr.pid}); ${count} subscribers; both clients in the benchmark process, osmo-hlr in its own.`,
    );
    return { rows, targets, notes };
  },
};
