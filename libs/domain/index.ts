export * from './lifecycle';
export * from './ids';
export * from './canonical-json';
export * from './measure-event';
export * from './commands';
