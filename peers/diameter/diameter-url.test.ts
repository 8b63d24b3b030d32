import { test, expect } from '@playwright/test';
import { DIAMETER_PORT, InvalidDiameterUrlError, parseDiameterUrl } from './diameter-url.js';

// The address form of a user's HSS, DRA or OCS in an implementation-under-test slot.

test('diameter:// with our identity and the destination, or the RFC 6733 aaa:// form', () => {
  expect(
    parseDiameterUrl(
      'diameter://hss.partner.example:3869?originHost=mme.harness.example&originRealm=harness.example&destinationRealm=epc.partner.example',
    ),
  ).toEqual({
    host: 'hss.partner.example',
    port: 3869,
    originHost: 'mme.harness.example',
    originRealm: 'harness.example',
    destinationRealm: 'epc.partner.example',
  });
  expect(parseDiameterUrl('diameter://127.0.0.1')).toEqual({ host: '127.0.0.1', port: DIAMETER_PORT });
  expect(parseDiameterUrl('diameter://[::1]:4000')).toEqual({ host: '::1', port: 4000 });
  expect(parseDiameterUrl('aaa://dra.partner.example:3868;transport=tcp')).toEqual({ host: 'dra.partner.example', port: 3868 });
});

test('TLS, SCTP, other schemes, bad ports, unknown options and non-FQDN identities are refused, saying why', () => {
  const cases: [string, RegExp][] = [
    ['diameters://hss.example', /over TLS is not supported/],
    ['aaa://hss.example:3868;transport=sctp', /over SCTP is not supported/],
    ['http://hss.example:3868', /the scheme is http, not diameter/],
    ['diameter://hss.example:99999', /not a TCP port|not a URL/],
    ['diameter://hss.example?origin=x', /option "origin" is not one of originHost/],
    ['diameter://hss.example?originHost=not%20an%20fqdn', /originHost "not an fqdn" is not a DiameterIdentity/],
    ['diameter://hss.example/path', /it has a path/],
    ['hss.example:3868', /not a URL|scheme/],
  ];
  for (const [url, message] of cases) {
    const error = (() => {
      try {
        parseDiameterUrl(url);
      } catch (e) {
        return e;
      }
    })();
    expect(error, url).toBeInstanceOf(InvalidDiameterUrlError);
    expect((error as Error).message, url).toMatch(message);
  }
});
