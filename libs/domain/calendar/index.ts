export * from './calendar-data';
export * from './dates';
export * from './working-day-calendar';
export * from './validate-official-year';
