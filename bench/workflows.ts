// The bench worker's bundle: duban's workflows plus the bare baseline.
export * from '../workflows/index';
export { bareWorkflow } from './bare.workflow';
