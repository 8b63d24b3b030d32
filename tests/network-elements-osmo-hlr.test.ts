import { networkElementSuite } from './support/network-element-suite.js';

networkElementSuite('osmo-hlr');
