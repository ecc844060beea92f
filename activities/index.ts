export { createMeasureActivities } from './measure.activities';
