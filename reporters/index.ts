/**
 * `roaming-harness/reporters`: Allure labels and attachments for roaming
 * scenarios.
 *
 * @packageDocumentation
 */
export * from './scenario-labels.js';
export * from './html-report.js';
