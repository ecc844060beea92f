// Workflow implementations, bundled by the worker. Deterministic code only.
export { measureWorkflow } from './measure/measure.workflow';
export { rectificationWorkflow } from './finding/rectification.workflow';
export { directiveWorkflow } from './directive/directive.workflow';
export { deliveryLaneWorkflow, digestWorkflow } from './delivery';
