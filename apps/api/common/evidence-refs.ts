import type { EvidenceRepository } from '@duban/db';
import { isEvidenceFileId } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';

/**
 * Every uploaded file a command cites must be a file of that measure: an id from elsewhere (or
 * typed by hand) would put a broken reference on the permanent record.
 */
export async function assertEvidenceOfMeasure(evidence: EvidenceRepository, measureId: string, refs: readonly string[] | undefined): Promise<void> {
  const ids = (refs ?? []).filter(isEvidenceFileId).map((id) => id.toLowerCase());
  const foreign = await evidence.notOfMeasure(measureId, ids);
  if (foreign.length > 0) {
    throw new DomainError(ErrorCode.EvidenceNotFound, `佐证材料 ${foreign.join('、')} 不存在或不属于事项 ${measureId}，请重新上传`);
  }
}
