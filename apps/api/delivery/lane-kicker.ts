// Waking a channel's delivery lane (workflow `delivery-<lane>`, signal `kick`) after an admin saved
// or enabled the channel or pressed 重发, so the change takes effect now instead of at the lane's
// next timed look (a paused lane looks again after an hour, an idle one after six).
//
// The service depends on this small interface only; DeliveryModule provides the implementation.
// A kick that fails never fails the request: the change is stored and the lane finds it anyway.

export abstract class LaneKicker {
  abstract kick(lanes: readonly string[]): Promise<void>;
}
