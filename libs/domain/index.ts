export * from './lifecycle';
export * from './ids';
