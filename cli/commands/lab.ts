import { dirname, resolve } from 'node:path';
import { startRoamingWorld, type StartedRoamingWorld } from '../../world/roaming-world.js';
import { DEFAULT_WORLD, type WorldOptions } from '../../world/world-options.js';
import type { BillingClient } from '../../mocks/billing/client.js';
import { EventLog } from '../../simulator/roaming-events.js';
import { parsePlmn } from '../../simulator/plmn.js';
import { asBadInput, CliError, integerFlag, parseCommandArgs, untilStopped, type CliCommand, onlySubcommand } from '../command.js';
import { checkWorldExposure } from '../../world/exposure.js';
import { adminTokenFromEnv } from '../../mocks/http/bearer-token.js';
import { sweepStaleChildren } from '../../peers/process-lifetime/child-guardian.js';
import { checkLabConfig, loadLabConfig, worldOptionsOf, type LabConfig } from './lab/lab-config.js';
import { formatLabEndpoints, labEndpoints, type LabEndpoints } from './lab/lab-endpoints.js';
import { LabMetrics } from './lab/lab-metrics.js';
import { DEFAULT_LAB_PORT, eventLines, startLabServer } from './lab/lab-server.js';
import { MeteredAccess } from './lab/metered-access.js';
import { readProvisionFile } from './lab/provision-file.js';

export { DEFAULT_LAB_PORT } from './lab/lab-server.js';

const USAGE = `roam lab up: a whole roaming world in one process, for clients that are not Playwright

Usage:
  roam lab up [--config lab.yaml] [--host 127.0.0.1] [--port ${DEFAULT_LAB_PORT}] [--seed <n>]
              [--home 262-01[,...]] [--visited 208-01,214-01] [--chaos embedded|external|container|auto]
              [--toxiproxy-url <url>] [--provision <subscribers file>] [--allow-remote]
              [--hlr mock|osmo-hlr|<url>] [--vlr builtin|<url>] [--billing builtin|<url>]

  --config <file>        a lab file (YAML): seed, home, visited, agreements, hlr, vlr, billing,
                         provisioning, billingAuth, chaos, host, lab.port, provision; flags
                         given on the command line win over it
  --host <addr>          address the elements, proxies and the lab bind (default 127.0.0.1); an
                         address other machines reach needs ROAM_ADMIN_TOKEN set (every control
                         API then asks for it: HLR and billing admin, element faults, the Toxiproxy
                         API, the lab's /events, /metrics and /endpoints) or --allow-remote
  --allow-remote         bind such an address with those APIs open to anyone who reaches it
  --port <n>             port of the lab's own server: /metrics, /events, /endpoints, /access/<plmn>
                         (default ${DEFAULT_LAB_PORT}; 0 for any free port)
  --seed <n>             seeds the subscriber factory (default 1)
  --home, --visited      comma-separated PLMN ids (default 262-01 and 208-01,214-01)
  --chaos <backend>      chaos backend (default embedded; see chaos/README.md)
  --toxiproxy-url <url>  use a running Toxiproxy (same as --chaos external with that URL)
  --provision <file>     provision these subscribers at start (a file from
                         "roam subscribers generate --with-keys")
  --hlr, --vlr, --billing
                         put your own element in the slot: http(s)://host:port (the HTTP
                         contracts of "roam contracts export"), gsup://host:port[?vty=<port>] (HLR)

Prints every endpoint: each element (the URL "roam certify --target" takes),
each chaos link's proxy by name, the Toxiproxy API. Phones (your client) attach at "access <plmn>"; provision
subscribers first through "hlr <plmn>" (POST /admin/v1/subscribers) or
--provision. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

Lab file example:
  seed: 7
  home: [262-01]
  visited: [208-01, 214-01]
  agreements:
    - { home: 262-01, visited: 208-01, tariff: eu-regulated }
    - { home: 262-01, visited: 214-01 }
  lab: { port: 9464 }
`;

/** `roam lab up`: starts a roaming world, prints its endpoints, serves metrics until Ctrl-C. */
export const labCommand: CliCommand = {
  name: 'lab',
  usage: USAGE,
  async run(args) {
    const rest = onlySubcommand('lab', 'up', args, USAGE);
    if (!rest) return 0;
    const { values } = parseCommandArgs('lab up', rest, {
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      home: { type: 'string' },
      visited: { type: 'string' },
      chaos: { type: 'string' },
      'toxiproxy-url': { type: 'string' },
      provision: { type: 'string' },
      hlr: { type: 'string' },
      vlr: { type: 'string' },
      billing: { type: 'string' },
      'allow-remote': { type: 'boolean' },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const file = values.config;
    const fromFile: LabConfig = file ? loadLabConfig(file) : {};
    const config = checkLabConfig(
      {
        ...fromFile,
        ...(values.seed !== undefined ? { seed: integerFlag('lab up', 'seed', values.seed, 1) } : {}),
        ...(values.home ? { home: values.home.split(',') } : {}),
        ...(values.visited ? { visited: values.visited.split(',') } : {}),
        ...(values.host ? { host: values.host } : {}),
        ...(values.hlr ? { hlr: values.hlr } : {}),
        ...(values.vlr ? { vlr: values.vlr } : {}),
        ...(values.billing ? { billing: values.billing } : {}),
        ...(values['allow-remote'] ? { allowRemote: true } : {}),
        ...(values.chaos ? { chaos: { ...fromFile.chaos, backend: values.chaos } } : {}),
        ...(values['toxiproxy-url'] ? { chaos: { backend: 'external', url: values['toxiproxy-url'] } } : {}),
        ...(values.port !== undefined ? { lab: { port: integerFlag('lab up', 'port', values.port, DEFAULT_LAB_PORT, 65535) } } : {}),
        ...(values.provision
          ? { provision: resolve(values.provision) }
          : fromFile.provision && file
            ? { provision: resolve(dirname(file), fromFile.provision) }
            : {}),
      },
      file ? `${file} with the command-line flags` : 'the command-line flags',
    );
    return runLab(config);
  },
};

async function runLab(config: LabConfig): Promise<number> {
  const options: WorldOptions = worldOptionsOf(config);
  const homes = (options.home ?? DEFAULT_WORLD.home).map((id) => parsePlmn(id).id);
  const host = options.host ?? DEFAULT_WORLD.host;
  const token = adminTokenFromEnv();
  try {
    // Checked here for the flag's name in the hint; the world checks again and prints the warning.
    checkWorldExposure({
      host,
      token,
      allowRemote: options.allowRemote ?? false,
      flag: '--allow-remote (allowRemote: true in a lab file)',
    });
  } catch (error) {
    throw asBadInput(error);
  }
  const rows = config.provision ? readProvisionFile(config.provision) : [];
  // What an earlier lab killed outright (kill -9) may have left: osmo-hlr processes and their folders.
  sweepStaleChildren();
  process.stderr.write(
    `[roam] Starting the roaming lab: home ${homes.join(', ')}, visited ${(options.visited ?? DEFAULT_WORLD.visited).join(', ')}...\n`,
  );

  const world = await startRoamingWorld(options);
  const closers: (() => Promise<void>)[] = [() => world.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    for (const row of rows) {
      // Through the world, so an HLR spoken to over GSUP is provisioned over its VTY.
      world.simulator.registerSubscriber({ imsi: row.imsi, msisdn: row.msisdn, k: row.k, opc: row.opc, home: row.home });
    }
    await Promise.all(homes.map((id) => world.homeNetwork(id).settled()));
    const billing = new Map<string, BillingClient>(homes.map((id) => [id, world.billing(id)]));
    const metrics = new LabMetrics(billing);
    const labEvents = new EventLog(100_000);
    const access = new Map<string, MeteredAccess>();
    for (const link of world.links) {
      const match = /^ue -> vlr:(.+)$/.exec(link.name);
      if (!match) continue;
      const visited = parsePlmn(match[1]!).id;
      access.set(visited, new MeteredAccess({ visited, upstream: link.listen, metrics, hasher: world.hasher, events: labEvents.sink }));
    }
    let endpoints: LabEndpoints | undefined;
    const server = await startLabServer({
      host,
      port: config.lab?.port ?? DEFAULT_LAB_PORT,
      metrics,
      access,
      events: () => eventLines(labEvents, world.events),
      endpoints: () => endpoints,
      ...(token ? { token } : {}),
    });
    closers.push(() => server.close());
    const hlrs = Object.fromEntries(
      homes.map((id) => {
        const home = world.homeNetwork(id);
        return [id, { protocol: home.hlrProtocol, ...(home.osmoHlr ? { vtyPort: home.osmoHlr.vtyPort } : {}) }];
      }),
    );
    endpoints = labEndpoints(server.url, world.toxiproxyUrl, world.links, hlrs);
    for (const notice of world.notices) process.stderr.write(`[roam] ${notice}\n`);

    process.stdout.write(
      `[roam] Roaming lab up (seed ${options.seed ?? DEFAULT_WORLD.seed}, chaos backend ${world.chaosBackend.kind}${rows.length ? `, ${rows.length} subscribers provisioned` : ''}):\n`,
    );
    process.stdout.write(formatLabEndpoints(endpoints));
    process.stdout.write('[roam] Ready. Ctrl-C stops the lab.\n');
    const reason = await untilStopped();
    process.stderr.write(`[roam] ${reason}: stopping the lab...\n`);
  } finally {
    await closeAll();
  }
  process.stdout.write('[roam] Lab stopped; every port is closed.\n');
  return 0;
}
