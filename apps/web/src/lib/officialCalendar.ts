// Fetches the administrator-loaded holiday years once per page load, before the signed-in pages
// render, so every working-day count in the browser agrees with the server's.
import { useEffect, useState } from 'react';
import { officialCalendar } from '../api/endpoints';
import { applyOfficialYears } from './workingDays';

let loaded = false;

/** After an administrator loads a year: counts in this tab use it at once, not after a reload. */
export async function refreshOfficialCalendar(): Promise<void> {
  applyOfficialYears(await officialCalendar());
}

/** True once the official years are applied (or could not be fetched: the bundled data stays). */
export function useOfficialCalendar(): boolean {
  const [ready, setReady] = useState(loaded);
  useEffect(() => {
    if (ready) return;
    let live = true;
    officialCalendar()
      .then(applyOfficialYears, () => undefined)
      .finally(() => {
        loaded = true;
        if (live) setReady(true);
      });
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}
