import { specs } from '../../specs/index.js';
import { packageRoot } from '../../peers/package-files.js';

// The shipped scenario library: one test per scenario.
specs('specs/library/**/*.roam.yaml', { cwd: packageRoot() });
