import { existsSync } from 'node:fs';
import { certify } from '../../conformance/certify.js';
import type { ConformanceRole } from '../../conformance/core/conformance-case.js';
import { EVIDENCE_KEY_ENV, readSigningKey, signingKeyFromEnv } from '../../reporters/evidence/signing-keys.js';
import { tadigProblem } from '../../reporters/evidence/evidence-statement.js';
import { resolveSlot } from '../../world/slots/slot-schemes.js';
import { asBadInput, parseCommandArgs, UsageError, type CliCommand } from '../command.js';

const ROLES: readonly ConformanceRole[] = ['hlr', 'vlr', 'billing'];

const USAGE = `roam certify: run a role's conformance suite against an implementation, and write JUnit,
Allure results and an evidence bundle that names it

Usage:
  roam certify --role hlr|vlr|billing --target <url> [--partner <TADIG>] [--output <dir>]
               [--baseline <file>] [--update-baseline [<file>]] [--allow-new-failures]
               [--key <private.key>]... [--subscribers <csv>] [--home 262-01] [--visited 208-01]
               [--admin-token <token>] [--token <token>] [--hlr-listen <host:port> --billing-listen <host:port>]
               [--only <regexp>] [--replace] [--no-archive]

  --role <role>          hlr (HLR/HSS), vlr (VLR/MME) or billing (OCS + CDR collector)
  --target <url>         builtin, osmo-hlr (hlr), http(s)://host:port (the HTTP contract),
                         gsup://host:port[?vty=<port>] (hlr over GSUP; ?vty= provisions over its VTY),
                         diameter://host:port[?originHost=&originRealm=] (hlr: an HSS over S6a; needs --subscribers)
  --partner <TADIG>      the partner whose element it is, named in the evidence (e.g. DEUEX)
  --output <dir>         where junit.xml, allure-results/, comparison.txt and evidence/ go
                         (default certify-<role>; must be new or empty unless --replace)
  --baseline <file>      expected results: a case expected to pass that fails is pass->FAIL
                         and fails the run; known failures (xfail) with reasons do not
  --update-baseline      write this run as the baseline (to <file>, else to --baseline's file,
                         else roam-baseline-<role>.json); known failures keep their reasons
  --allow-new-failures   a failing case the baseline does not list does not fail the run
  --key <private.key>    sign the evidence (default $${EVIDENCE_KEY_ENV}); without one it is unsigned
  --subscribers <csv>    subscribers you provisioned (imsi,msisdn,k,opc[,roaming]): the suite
                         provisions nothing
  --home, --visited      the home network of the IMSIs and a partner network (default 262-01, 208-01)
  --admin-token <token>  bearer token of the target's admin API
  --token <token>        bearer token billing takes charging events with (billing)
  --hlr-listen, --billing-listen <host:port>
                         (vlr) where your VLR reaches its home HLR and billing: the suite emulates
                         both there, behind chaos proxies
  --only <regexp>        only the cases whose id matches, e.g. ^HLR-AUTH

Exit code 0: every case passed (with --baseline: no regression); 1: a case failed (a regression);
2: bad input.
`;

/** `roam certify`. */
export const certifyCommand: CliCommand = {
  name: 'certify',
  usage: USAGE,
  async run(args) {
    const updateAt = args.indexOf('--update-baseline');
    // --update-baseline takes an optional file: the next word when it is not another flag.
    const updateFile = updateAt >= 0 && args[updateAt + 1] && !args[updateAt + 1]!.startsWith('--') ? args[updateAt + 1] : undefined;
    const rest = updateAt >= 0 ? args.filter((_, i) => i !== updateAt && !(updateFile && i === updateAt + 1)) : args;
    const { values } = parseCommandArgs('certify', rest, {
      role: { type: 'string' },
      target: { type: 'string' },
      partner: { type: 'string' },
      output: { type: 'string' },
      baseline: { type: 'string' },
      'allow-new-failures': { type: 'boolean' },
      key: { type: 'string', multiple: true },
      subscribers: { type: 'string' },
      home: { type: 'string' },
      visited: { type: 'string' },
      'admin-token': { type: 'string' },
      token: { type: 'string' },
      'hlr-listen': { type: 'string' },
      'billing-listen': { type: 'string' },
      only: { type: 'string' },
      replace: { type: 'boolean' },
      'no-archive': { type: 'boolean' },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const role = values.role as ConformanceRole | undefined;
    if (values.role === undefined)
      throw new UsageError('certify', `no --role: give the role of the implementation under test, one of ${ROLES.join(', ')}`);
    if (!role || !ROLES.includes(role))
      throw new UsageError('certify', `--role is ${JSON.stringify(values.role)}, not one of ${ROLES.join(', ')}`);
    if (!values.target)
      throw new UsageError('certify', 'no --target: give the implementation under test, e.g. --target http://127.0.0.1:7001');
    let slot: ReturnType<typeof resolveSlot>;
    try {
      slot = resolveSlot(role, values.target, 'the conformance run');
    } catch (error) {
      throw asBadInput(error);
    }
    // S6a has no provisioning: the suite can only use subscribers the user put in the HSS.
    if (slot.kind === 'external' && slot.protocol === 'diameter' && !values.subscribers)
      throw new UsageError('certify', `${slot.url} is an HSS over S6a, which the suite cannot provision: give --subscribers <csv>`);
    // Only --update-baseline may name a baseline that is not there yet: it writes it.
    if (values.baseline !== undefined && updateAt < 0 && !existsSync(values.baseline))
      throw new UsageError('certify', `--baseline ${values.baseline}: no such file (write one with --update-baseline)`);
    const badPartner = values.partner !== undefined ? tadigProblem('partner', values.partner) : undefined;
    if (badPartner) throw new UsageError('certify', badPartner);
    let only: RegExp | undefined;
    try {
      only = values.only ? new RegExp(values.only) : undefined;
    } catch {
      throw new UsageError('certify', `--only ${JSON.stringify(values.only)} is not a regular expression`);
    }
    const fromEnv = values.key ? undefined : signingKeyFromEnv();
    const signers = values.key ? values.key.map(readSigningKey) : fromEnv ? [fromEnv] : [];
    const output = values.output ?? `certify-${role}`;
    process.stderr.write(`[roam] Certifying ${values.target} as ${role}...\n`);
    const result = await certify({
      role,
      target: values.target,
      outputDir: output,
      signers,
      ...(values.partner ? { partner: values.partner } : {}),
      ...(values.baseline ? { baseline: values.baseline } : {}),
      ...(updateAt >= 0 ? { updateBaseline: updateFile ?? values.baseline ?? `roam-baseline-${role}.json` } : {}),
      ...(values['allow-new-failures'] ? { allowNewFailures: true } : {}),
      ...(values.subscribers ? { subscribers: values.subscribers } : {}),
      ...(values.home ? { home: values.home } : {}),
      ...(values.visited ? { visited: values.visited } : {}),
      ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}),
      ...(values.token ? { token: values.token } : {}),
      ...(values['hlr-listen'] ? { hlrListen: values['hlr-listen'] } : {}),
      ...(values['billing-listen'] ? { billingListen: values['billing-listen'] } : {}),
      ...(only ? { only } : {}),
      ...(values.replace ? { replace: true } : {}),
      ...(values['no-archive'] ? { archive: false } : {}),
      onCase: (c) =>
        process.stderr.write(`  ${c.status === 'passed' ? 'ok  ' : c.status === 'failed' ? 'FAIL' : 'skip'}  ${c.id}  ${c.title}\n`),
    });
    const impl = result.run.implementation;
    const signed = result.evidence.signedBy.length
      ? `signed by ${signers.map((s) => `${s.label} (keyid ${s.keyid})`).join(' and ')}`
      : `NOT signed: pass --key <private.key> (or set ${EVIDENCE_KEY_ENV}) to sign; "roam evidence keygen" makes one`;
    process.stdout.write(
      [
        `[roam] ${result.run.suite} of ${impl.target}${impl.implementation ? ` (${impl.implementation}${impl.version ? ` ${impl.version}` : ''})` : ''} against ${impl.contract.name} ${impl.contract.version}:`,
        ...(result.run.provisioning ? [`[roam] Subscribers: ${result.run.provisioning}.`] : []),
        result.comparison.cases.length ? result.comparisonText : '',
        `[roam] JUnit: ${result.junit}`,
        `[roam] Allure results: ${result.allureResults}`,
        `[roam] Evidence bundle: ${result.evidence.dir} (test result ${result.evidence.statement.predicate.result}; ${signed})`,
        ...(result.evidence.archive ? [`[roam] Evidence archive: ${result.evidence.archive}`] : []),
        ...(result.baselineWritten ? [`[roam] Baseline written: ${result.baselineWritten}`] : []),
        '',
      ]
        .filter((line, i) => line !== '' || i > 0)
        .join('\n'),
    );
    return result.baselineWritten ? 0 : result.exitCode;
  },
};
