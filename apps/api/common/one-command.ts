import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { CommandBusyError, type MeasureAuthorityFacts, type MeasureRepository } from '@duban/db';
import { currentUpdateId } from './idempotency-context';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { COMMAND_DEADLINE_MS, sendUpdate, updateStillRunning } from '../errors/temporal-errors';

/**
 * Sends one Update of a measure's or a finding's workflow: under its lease (one command of `key` in
 * flight at a time, MeasureRepository.oneCommandAtATime), with a fixed update id (the request's
 * Idempotency-Key, else a fresh one) so a repeat is the same Update, within the command deadline.
 * A turn that does not come in time answers 503 with `busyMessage`; other failures are the caller's.
 * `check` (a measure's command) sees the measure's authority facts, read as the lease is taken, and
 * refuses by throwing: nothing is sent then.
 */
export function sendOneCommand<T>(
  measures: MeasureRepository,
  key: string,
  busyMessage: string,
  send: (updateId: string, deadline: number) => Promise<T>,
  check?: (facts: MeasureAuthorityFacts | undefined) => void,
): Promise<T> {
  const deadline = Date.now() + COMMAND_DEADLINE_MS;
  const updateId = currentUpdateId() ?? randomUUID();
  return measures
    .oneCommandAtATime(key, deadline, () => sendUpdate(deadline, () => send(updateId, deadline)), updateStillRunning, check)
    .catch((error: unknown) => {
      throw error instanceof CommandBusyError ? new DomainError(ErrorCode.ServiceUnavailable, busyMessage) : error;
    });
}

/** How long a refusal waits for Temporal to say whether the command was taken before (it is down, say). */
const EARLIER_RESULT_DEADLINE_MS = 3_000;

/**
 * What the workflow answered the Update a retried command already sent (the same Idempotency-Key,
 * so the same update id), when it took that Update: the answer the caller lost with the API process
 * or the connection that carried it. Undefined without a key, when no such Update was taken, or when
 * Temporal cannot say now; the caller then answers as it would have.
 */
export async function earlierResult<T>(handle: WorkflowHandle, withDeadline: <R>(deadline: number, fn: () => Promise<R>) => Promise<R>): Promise<T | undefined> {
  const updateId = currentUpdateId();
  if (!updateId) return undefined;
  try {
    return await withDeadline(Date.now() + EARLIER_RESULT_DEADLINE_MS, () => handle.getUpdateHandle<T>(updateId).result());
  } catch {
    return undefined;
  }
}
