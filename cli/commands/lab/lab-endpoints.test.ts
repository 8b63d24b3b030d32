import { test, expect } from '@playwright/test';
import type { LinkInfo } from '../../../chaos/link-info.js';
import { formatLabEndpoints, labEndpoints } from './lab-endpoints.js';

const link = (name: string, listen: string, upstream: string) =>
  ({ name, proxyName: name, listen, upstream, traffic: 'request-response' }) as LinkInfo;

test('every element has a URL: HTTP for elements of the HTTP contract, gsup:// with its VTY for osmo-hlr', () => {
  const links = [
    link('vlr:208-01 -> hlr:262-01', '127.0.0.1:5001', '127.0.0.9:4222'),
    link('vlr:208-01 -> hlr:262-02', '127.0.0.1:5002', '127.0.0.1:7002'),
    link('vlr:208-01 -> billing:262-01', '127.0.0.1:5003', '127.0.0.1:7003'),
    link('ue -> vlr:208-01', '127.0.0.1:5004', '127.0.0.1:7004'),
  ];
  const endpoints = labEndpoints('http://127.0.0.1:9464', 'http://127.0.0.1:8474', links, {
    '262-01': { protocol: 'gsup', vtyPort: 4258 },
    '262-02': { protocol: 'http' },
  });
  expect(endpoints.hlr).toEqual({ '262-01': 'gsup://127.0.0.9:4222?vty=4258', '262-02': 'http://127.0.0.1:7002' });
  expect(endpoints.billing).toEqual({ '262-01': 'http://127.0.0.1:7003' });
  expect(endpoints.vlr).toEqual({ '208-01': 'http://127.0.0.1:7004' });
  const printed = formatLabEndpoints(endpoints);
  expect(printed).toMatch(/^ {2}hlr 262-01 +gsup:\/\/127\.0\.0\.9:4222\?vty=4258 {2}\(GSUP; provisioned over the VTY on \?vty=\)$/m);
  expect(printed).toMatch(/^ {2}hlr 262-02 +http:\/\/127\.0\.0\.1:7002 {2}\(admin: POST \/admin\/v1\/subscribers\)$/m);
});
