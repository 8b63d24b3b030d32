import { networkElementSuite } from './support/network-element-suite.js';

networkElementSuite('mock');
