export * from './types';
export { PlanReadError, type PlanReadErrorCode } from './errors';
export { readPlanDocument, PLAN_DOCUMENT_MAX_BYTES } from './read';
export { suggestedDueDate } from './table';
