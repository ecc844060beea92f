// Signing out on the server. A sign-out request that fails on the way (no network, a server error)
// is sent again a few times, so the session does not outlive the sign-out on the server; a 401
// means the session is over already, and nothing is left to end.
import { ApiError } from '../api/http';

export const SIGN_OUT_ATTEMPTS = 3;
/** The pause before the k-th retry is k times this. */
export const SIGN_OUT_RETRY_MS = 400;

/** Whether a failed sign-out is worth another try: unreachable or a server error, not an answer about the session. */
function signOutMayRetry(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

/** The sign-out's answer, or undefined when it could not be had (the caller signs out locally anyway). */
export async function endServerSession<T>(request: () => Promise<T>, pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!signOutMayRetry(error) || attempt >= SIGN_OUT_ATTEMPTS) return undefined;
      await pause(SIGN_OUT_RETRY_MS * attempt);
    }
  }
}
