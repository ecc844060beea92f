import type { MeasureEvent } from '@duban/domain';
import type { MeasureEventRepository } from '@duban/db';

/** Side effects of the measure workflow. Each is idempotent, so Temporal may retry it freely. */
export function createMeasureActivities(deps: { events: MeasureEventRepository }) {
  return {
    async recordMeasureEvent(event: MeasureEvent): Promise<void> {
      await deps.events.record(event);
    },
  };
}
