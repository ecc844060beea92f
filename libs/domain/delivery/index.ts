export * from './types';
export * from './routing';
export * from './window';
export * from './digest-schedule';
export * from './render';
export * from './lane-rules';
