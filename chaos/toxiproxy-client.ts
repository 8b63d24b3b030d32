/**
 * `toxiproxy-node-client`, loaded with `require`.
 *
 * The package is CommonJS. Imported from an ES module, Node first scans its
 * source for named exports with a WebAssembly lexer that it compiles on the
 * first such import, a few milliseconds of every world's start-up; `require`
 * loads the same module (the one a user's own `import` or `require` gets, so
 * `instanceof ToxiproxyError` holds across both) without that step.
 *
 * @module
 */
import { createRequire } from 'node:module';
import type * as ToxiproxyClient from 'toxiproxy-node-client';

const client = createRequire(import.meta.url)('toxiproxy-node-client') as typeof ToxiproxyClient;

/** The client's `Toxiproxy` class: `new Toxiproxy('http://127.0.0.1:8474')`. */
export const Toxiproxy = client.Toxiproxy;
/** The error the client rejects with when the API answers an error or cannot be reached. */
export const ToxiproxyError = client.ToxiproxyError;
