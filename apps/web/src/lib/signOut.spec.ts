/// <reference types="jest" />
import { ApiError } from '../api/http';
import { endServerSession, SIGN_OUT_ATTEMPTS, SIGN_OUT_RETRY_MS } from './signOut';

/** A request that fails with the given errors in turn, then answers. */
function requestFailing(errors: unknown[]) {
  const calls = { count: 0 };
  const request = async () => {
    const error = errors[calls.count++];
    if (error !== undefined) throw error;
    return { signedOut: true };
  };
  return { request, calls };
}

describe('signing out on the server', () => {
  const pauses: number[] = [];
  const pause = async (ms: number) => {
    pauses.push(ms);
  };
  beforeEach(() => pauses.splice(0));

  it('sends the sign-out again when the network or the server failed, with growing pauses', async () => {
    const { request, calls } = requestFailing([new ApiError('无法连接服务器，请检查网络或稍后重试', 0), new ApiError('服务暂时不可用', 503)]);
    await expect(endServerSession(request, pause)).resolves.toEqual({ signedOut: true });
    expect(calls.count).toBe(3);
    expect(pauses).toEqual([SIGN_OUT_RETRY_MS, 2 * SIGN_OUT_RETRY_MS]);
  });

  it('stops after a 401 (the session is over already) and after the last attempt', async () => {
    const over = requestFailing([new ApiError('已退出登录或登录已被撤销，请重新登录', 401)]);
    await expect(endServerSession(over.request, pause)).resolves.toBeUndefined();
    expect(over.calls.count).toBe(1);

    const down = requestFailing(Array.from({ length: 10 }, () => new ApiError('服务器内部错误，请稍后重试', 500)));
    await expect(endServerSession(down.request, pause)).resolves.toBeUndefined();
    expect(down.calls.count).toBe(SIGN_OUT_ATTEMPTS);
  });
});
