export { createMeasureActivities } from './measure.activities';
export { createDeliveryActivities, type DeliveryActivities, type DeliveryActivityDeps, type DeliverBatchResult } from './delivery.activities';
