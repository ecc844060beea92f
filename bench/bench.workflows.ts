// The workflows of the bench's own worker (bench/bare-worker): the bare baseline and the yardsticks.
export { bareWorkflow } from './bare.workflow';
export { yardstickWorkflow } from './yardstick.workflow';
export { spikeYardstickWorkflow } from './spike-yardstick.workflow';
