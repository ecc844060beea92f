export * from './connection';
export * from './measure-client';
export * from './workflow-bundle';
export * from './runtime-logging';
export * from './delivery-client';
export * from './directive-client';
