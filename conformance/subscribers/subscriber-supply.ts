import { readFileSync } from 'node:fs';
import { RoamError } from '../../core/errors.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { CaseSkipped } from '../core/case-context.js';
import {
  freshSubscriberKeys,
  testSubscriberOf,
  type SubscriberKeys,
  type SubscriberProfileWanted,
  type TestSubscriber,
} from './test-subscriber.js';

/** Where a case gets its subscribers from: made and provisioned by the suite, or from the user's list. */
export interface SubscriberSupply {
  /** A subscriber as wanted, provisioned in the implementation under test. @throws {CaseSkipped} when none such can be had. */
  subscriber(profile?: SubscriberProfileWanted): Promise<TestSubscriber>;
  /** Says how subscribers are had, for the report. */
  readonly statement: string;
}

/** How a suite provisions a subscriber in the implementation under test; undefined when it cannot express that profile. */
export type Provisioner = (keys: SubscriberKeys, profile: SubscriberProfileWanted) => Promise<void>;

/** Fresh subscribers of `home`, each provisioned through `provision` (the element's admin contract, or osmo-hlr's VTY). */
export function provisionedSupply(home: PlmnId, provision: Provisioner, how: string): SubscriberSupply {
  return {
    statement: `subscribers are made by the suite and provisioned ${how}`,
    async subscriber(profile = {}) {
      const keys = freshSubscriberKeys(home);
      await provision(keys, profile);
      return testSubscriberOf(keys, profile);
    },
  };
}

/**
 * Subscribers the user provisioned themselves, from a CSV with a header
 * `imsi,msisdn,k,opc` and an optional `roaming` column (`allowed` or
 * `barred`). Each row is used once; a case that needs a profile no row has
 * is skipped, saying which row to add.
 *
 * @throws {SubscriberListError} naming the file and the row that is wrong.
 */
export function fileSupply(file: string): SubscriberSupply {
  const rows = readSubscriberCsv(file);
  const used = new Set<number>();
  return {
    statement: `subscribers were provisioned by the user (${rows.length} rows of ${file}); the suite provisions nothing`,
    async subscriber(profile = {}) {
      const wanted = profile.roaming ?? 'allowed';
      const at = rows.findIndex((row, i) => !used.has(i) && row.roaming === wanted && !profile.networks);
      if (at < 0) {
        throw new CaseSkipped(
          profile.networks
            ? 'needs a subscriber allowed in some networks only, which a subscriber list cannot express'
            : `needs one more subscriber with roaming ${wanted} than ${file} has: add a row with roaming=${wanted}`,
        );
      }
      used.add(at);
      return testSubscriberOf(rows[at]!, profile);
    },
  };
}

/** A subscriber list that cannot be used. */
export class SubscriberListError extends RoamError {
  constructor(file: string, cause: string) {
    super('ROAM_SUBSCRIBER_LIST', `read the subscribers of ${file}`, cause, {
      hint: 'Write a CSV with the header imsi,msisdn,k,opc[,roaming] and one provisioned subscriber a row',
    });
  }
}

function readSubscriberCsv(file: string): (SubscriberKeys & { roaming: 'allowed' | 'barred' })[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SubscriberListError(file, String((error as NodeJS.ErrnoException).code ?? error));
  }
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = (header ?? '').split(',').map((c) => c.trim().toLowerCase());
  for (const needed of ['imsi', 'msisdn', 'k', 'opc']) {
    if (!columns.includes(needed)) throw new SubscriberListError(file, `the header has no ${needed} column`);
  }
  return lines
    .filter((l) => l.trim())
    .map((line, i) => {
      const cells = Object.fromEntries(line.split(',').map((v, c) => [columns[c] ?? `column${c}`, v.trim()]));
      const row = { imsi: cells['imsi'] ?? '', msisdn: cells['msisdn'] ?? '', k: cells['k'] ?? '', opc: cells['opc'] ?? '' };
      if (!/^\d{6,15}$/.test(row.imsi)) throw new SubscriberListError(file, `row ${i + 1} has no IMSI of 6 to 15 digits`);
      for (const key of ['k', 'opc'] as const) {
        // The key's value never goes into the message.
        if (!/^[0-9a-fA-F]{32}$/.test(row[key])) throw new SubscriberListError(file, `row ${i + 1}: ${key} is not 32 hex digits`);
      }
      const roaming = (cells['roaming'] || 'allowed') as 'allowed' | 'barred';
      if (roaming !== 'allowed' && roaming !== 'barred')
        throw new SubscriberListError(file, `row ${i + 1}: roaming is neither allowed nor barred`);
      return { ...row, msisdn: row.msisdn.startsWith('+') ? row.msisdn : `+${row.msisdn}`, roaming };
    });
}
