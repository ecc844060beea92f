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

/** The pages wait this long at most: a slow answer then lands in the counts of the next render. */
const WAIT_MS = 2_000;

/** True once the official years are applied, could not be fetched, or took longer than WAIT_MS. */
export function useOfficialCalendar(): boolean {
  const [ready, setReady] = useState(loaded);
  useEffect(() => {
    if (ready) return;
    let live = true;
    const done = () => {
      loaded = true;
      if (live) setReady(true);
    };
    const timer = setTimeout(done, WAIT_MS);
    officialCalendar()
      .then(applyOfficialYears, () => undefined)
      .finally(() => {
        clearTimeout(timer);
        done();
      });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ready]);
  return ready;
}
