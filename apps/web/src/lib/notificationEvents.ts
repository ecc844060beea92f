// Tells the header bell that notifications were marked read, so it re-reads the unread count.
const EVENT = 'duban:notifications-changed';

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

/** Subscribes; returns the unsubscribe function (an effect's cleanup). */
export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
