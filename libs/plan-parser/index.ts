export * from './types';
export { PlanParseError, type PlanParseErrorCode } from './errors';
export { parsePlan } from './parse';
export { decodePlanBytes } from './encoding';
export { extractQuantities } from './quantities';
export { extractLeads, type LeadClauses } from './leads';
export { planTitle } from './headings';
