import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoamingEvent } from '../../simulator/roaming-events.js';
import { CliError, parseCommandArgs, UsageError, type CliCommand, onlySubcommand } from '../command.js';

const USAGE = `roam events export: a run's events as JSON Lines, one RoamingEvent a line

Usage:
  roam events export --from <lab URL | allure-results dir> [--type attach] [--result success|failure]
                     [--output <file>]

  --from <source>   where the events are:
                      http://127.0.0.1:9464   a running "roam lab up": every attach it saw at its
                                              access points, then its world's event log (GET /events)
                      allure-results          a results folder of a Playwright run: the event log
                                              excerpts the roaming reporters attached (*.jsonl)
  --type <t>        only events of this procedure (attach, update_location, call, ...)
  --result <r>      only success, failure or in_progress events
  --output <file>   write there instead of stdout

Each line has event_type, timestamp, subscriber_id (a keyed pseudonym of the IMSI,
never the IMSI), visited_mcc_mnc, latency_ms, result, failure_reason, correlation_id
and transition: the schema of a fraud or billing pipeline's own event feed.
`;

/** `roam events export`: events of a lab or a results folder as JSON Lines. */
export const eventsCommand: CliCommand = {
  name: 'events',
  usage: USAGE,
  async run(args) {
    const rest = onlySubcommand('events', 'export', args, USAGE);
    if (!rest) return 0;
    const { values } = parseCommandArgs('events export', rest, {
      from: { type: 'string' },
      type: { type: 'string' },
      result: { type: 'string' },
      output: { type: 'string' },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (!values.from)
      throw new UsageError('events export', 'no --from; give a lab URL (http://127.0.0.1:9464) or an allure-results folder');
    if (values.result && !['success', 'failure', 'in_progress'].includes(values.result)) {
      throw new UsageError('events export', `--result is ${JSON.stringify(values.result)}; use success, failure or in_progress`);
    }
    const all = await readEvents(values.from);
    if (all.length === 0 && !/^https?:\/\//.test(values.from)) {
      throw new CliError(
        `export events from ${values.from}`,
        'the folder holds no event log',
        'Give the allure-results folder of a run whose tests used the roaming-harness fixtures (each attaches its event log)',
        2,
      );
    }
    const types = [...new Set(all.map((e) => e.event_type))].sort();
    if (values.type && !types.includes(values.type) && all.length > 0) {
      process.stderr.write(`[roam] No event has --type ${values.type}; the types here are ${types.join(', ')}\n`);
    }
    const events = all.filter((e) => (!values.type || e.event_type === values.type) && (!values.result || e.result === values.result));
    const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
    if (values.output) {
      writeFileSync(values.output, text);
      process.stderr.write(`[roam] Wrote ${events.length} event${events.length === 1 ? '' : 's'} to ${values.output}\n`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  },
};

/** Reads events from a lab URL or an allure-results folder. @throws {CliError} naming the source. */
export async function readEvents(from: string): Promise<RoamingEvent[]> {
  if (/^https?:\/\//.test(from)) {
    const url = `${from.replace(/\/+$/, '').replace(/\/events$/, '')}/events`;
    let text: string;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      const why = (error as Error).cause
        ? String(((error as Error).cause as Error).message ?? (error as Error).cause)
        : (error as Error).message;
      throw new CliError(`export events from ${url}`, why, 'Check "roam lab up" is running there (it prints its events URL)');
    }
    return parseLines(text, url);
  }
  if (!existsSync(from) || !statSync(from).isDirectory()) {
    throw new CliError(`export events from ${from}`, 'no such folder and not a URL', 'Give a lab URL or an allure-results folder', 2);
  }
  const events: RoamingEvent[] = [];
  const names = readdirSync(from).sort();
  // allure-playwright names every attachment after its content type (text/plain: .txt), so the event
  // logs are found by their name in the results; .jsonl files are read too (other writers keep the extension).
  const logs = new Set([...names.filter((name) => name.endsWith('.jsonl')), ...eventLogAttachments(from, names)]);
  for (const name of logs) {
    try {
      events.push(...parseLines(readFileSync(join(from, name), 'utf8'), join(from, name)).filter(isRoamingEvent));
    } catch {
      // Another reporter's .jsonl attachment, not an event log: not ours to export.
    }
  }
  return events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

/** The files of the attachments named as event logs ("Event log excerpt, ...") in the folder's test results. */
function eventLogAttachments(folder: string, names: readonly string[]): string[] {
  const sources: string[] = [];
  const present = new Set(names);
  const visit = (node: AllureNode) => {
    for (const attachment of node.attachments ?? []) {
      if (/^Event log\b/.test(attachment.name ?? '') && typeof attachment.source === 'string' && present.has(attachment.source))
        sources.push(attachment.source);
    }
    for (const child of [...(node.steps ?? []), ...(node.befores ?? []), ...(node.afters ?? [])]) visit(child);
  };
  for (const name of names.filter((n) => n.endsWith('-result.json') || n.endsWith('-container.json'))) {
    try {
      visit(JSON.parse(readFileSync(join(folder, name), 'utf8')) as AllureNode);
    } catch {
      // A result file being written, or not Allure's: it names no event log.
    }
  }
  return sources;
}

interface AllureNode {
  readonly attachments?: readonly { readonly name?: string; readonly source?: unknown }[];
  readonly steps?: readonly AllureNode[];
  /** A container's fixtures. */
  readonly befores?: readonly AllureNode[];
  readonly afters?: readonly AllureNode[];
}

function parseLines(text: string, source: string): RoamingEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as RoamingEvent;
      } catch {
        throw new CliError(`export events from ${source}`, `line ${i + 1} is not JSON`, 'Is it a JSON Lines event log?');
      }
    });
}

function isRoamingEvent(value: unknown): value is RoamingEvent {
  const e = value as Partial<RoamingEvent> | null;
  return !!e && typeof e.event_type === 'string' && typeof e.timestamp === 'string' && typeof e.subscriber_id === 'string';
}
