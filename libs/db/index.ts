export * from './data-source';
export * from './audit-chain';
export * from './repositories/measure-event.repository';
export * from './entities/measure-event.entity';
export * from './entities/measure-state.entity';
export * from './entities/audit-log.entity';
