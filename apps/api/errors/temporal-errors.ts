import {
  ServiceError,
  isGrpcCancelledError,
  isGrpcDeadlineError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { COMMAND_REJECTED } from '@duban/workflows';
import { DomainError, ErrorCode, refusal, type RefusalReason } from './domain-error';

const BY_FAILURE_TYPE = new Map<string, RefusalReason>(Object.entries(COMMAND_REJECTED).map(([reason, type]) => [type, reason as RefusalReason]));

/** How long a command waits for its workflow to answer before the caller is told it is pending. */
export const COMMAND_DEADLINE_MS = 20_000;

/**
 * The deadline ran out with the Update still in flight. grpc-js reports it as DEADLINE_EXCEEDED, or
 * as CANCELLED when it fires while the SDK waits to retry the call (the API cancels no call of its own).
 */
export function updateStillRunning(error: unknown): boolean {
  return isGrpcDeadlineError(error) || isGrpcCancelledError(error) || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError;
}

/**
 * Sends an Update (with a fixed update id, so the server takes a repeat for the same Update), again
 * when the server refused to take it for now (a ServiceError: e.g. the workflow task it was delivered
 * in was failed because a signal came in as the workflow closed), within the deadline.
 */
export async function sendUpdate<T>(deadline: number, send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ServiceError) || attempt >= 4 || Date.now() + 150 * attempt > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Turns a rejected update or a missing workflow into the domain error the user should see. */
export function fromTemporal(error: unknown, measureId: string): unknown {
  if (updateStillRunning(error)) {
    return new DomainError(
      ErrorCode.CommandPending,
      '操作已受理但尚未完成（数据库或流程服务暂时不可用），系统会自动继续处理，请稍后刷新查看结果，勿重复提交',
    );
  }
  if (error instanceof WorkflowNotFoundError) {
    return new DomainError(ErrorCode.MeasureNotFound, `事项 ${measureId} 不存在或尚未启动`);
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const reason = error.cause.type ? BY_FAILURE_TYPE.get(error.cause.type) : undefined;
    if (reason) return refusal(reason, error.cause.message);
  }
  // The event's place in the record was taken by other content (see EventConflictError): the
  // command did not complete; the record is left as it was, for reconcile to look at.
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ActivityFailure && error.cause.cause instanceof ApplicationFailure && error.cause.cause.type === 'EventConflict') {
    return new DomainError(ErrorCode.ServiceUnavailable, '本次操作与事项的办理记录冲突，未能完成，请稍后重试；如反复出现，请联系系统管理员核对（npm run reconcile）');
  }
  if (error instanceof ServiceError) {
    return new DomainError(ErrorCode.ServiceUnavailable, '流程服务暂时无法受理本次操作，请稍后重试');
  }
  return error;
}
