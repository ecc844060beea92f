// Public contract of every workflow: message definitions and input/output types for clients.
export * from './measure/definitions';
export * from './finding/definitions';
export * from './directive/definitions';
export * from './delivery/definitions';
