// 委托代理 in the browser: whether the signed-in deputy has chosen to act for a head. Held in memory
// only (a reload, sign-out or another sign-in starts as oneself again), so acting for a head is
// always a deliberate choice. While set, every API call carries X-Acting-For (api/http.ts).
import { useSyncExternalStore } from 'react';
import { setActingClearedHandler, setActingFor } from '../api/http';

export interface ActingFor {
  /** The signed-in deputy (the state counts only for them). */
  deputy: string;
  principalId: string;
  principalName: string;
  departmentCode: string;
  departmentName: string;
}

let current: ActingFor | null = null;
const listeners = new Set<() => void>();

export function setActing(next: ActingFor | null): void {
  current = next;
  setActingFor(next?.principalId ?? null);
  for (const listener of listeners) listener();
}

export function currentActing(): ActingFor | null {
  return current;
}

setActingClearedHandler(() => {
  current = null;
  for (const listener of listeners) listener();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The head the signed-in user acts for now, or null. */
export function useActing(): ActingFor | null {
  return useSyncExternalStore(subscribe, currentActing, currentActing);
}
