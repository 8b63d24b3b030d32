import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specs } from '../specs/specs.js';

// The shipped scenario library, one test per scenario or drill: every one must pass.
// Virtual-clock scenarios take well under a second each; the networked ones use a handful of subscribers.
specs('specs/library/**/*.roam.yaml', { cwd: join(dirname(fileURLToPath(import.meta.url)), '..') });
