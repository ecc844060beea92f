export * from './config';
export * from './errors';
export * from './paths';
export * from './services/running-services';
export { freePort } from './services/wait';
export { buildWebUi, webBuildNeeded, webIndexFile } from './web-build';
