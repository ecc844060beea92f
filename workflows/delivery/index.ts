// The delivery workflows (bundled through workflows/index.ts).
export { deliveryLaneWorkflow } from './lane.workflow';
export { digestWorkflow } from './digest.workflow';
