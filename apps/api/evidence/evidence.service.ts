import { Injectable } from '@nestjs/common';
import { EvidenceRepository, MeasureRepository, type EvidenceUsage, type MeasureListRow } from '@duban/db';
import { isClosedState, MEASURE_STATE_LABELS, parseMeasureId, type MeasureState, owningDepartment } from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { assertMeasureVisible, measureScopeOf } from '../measure/measure-read';
import { EVIDENCE_MAX_BYTES_PER_MEASURE, EVIDENCE_MAX_FILES_PER_MEASURE, type EvidenceFileDto } from './evidence.dto';
import { toEvidenceFileDto as toDto } from './evidence-read';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

export interface EvidenceDownload {
  file: EvidenceFileDto;
  content: Buffer;
}

const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,128}$/i;
// Control characters and path separators never belong in a stored file name.
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f/\\]/g;
// Bidirectional controls (embeddings, overrides, isolates, marks) reorder how a name is shown:
// 「报告\u202Efdp.exe」 would read as 「报告exe.pdf」. They are removed.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const MB = 1024 * 1024;

/** 佐证材料: who may add files to a measure and who may read them. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly measures: MeasureRepository,
  ) {}

  /**
   * Whether this user may add a file to this measure now: run before the request body is read (the
   * upload route's gate), so a refused upload costs no buffering. Checked again with the file.
   */
  async authorizeUpload(measureId: string, user: AuthenticatedUser): Promise<void> {
    this.assertMeasureId(measureId);
    await this.assertVisible(measureId, user);
    const [row] = await this.measures.listRows([measureId]);
    if (!(await this.mayUpload(measureId, user, row))) throw new DomainError(ErrorCode.NotAllowed, '只有承办人、牵头部门负责人和纪检监察人员可以上传本事项的佐证材料');
    // A closed measure takes no more files, except for rectifying a finding still open on it (a
    // finding carries on after its measure was cancelled).
    if (row && isClosedState(row.state) && !(await this.mustRectify(measureId, user))) {
      const label = MEASURE_STATE_LABELS[row.state as MeasureState];
      throw new DomainError(ErrorCode.MeasureWrongState, `事项当前状态为「${label}」，不能再上传佐证材料`);
    }
    const used = await this.evidence.usage(measureId);
    if (used.files >= EVIDENCE_MAX_FILES_PER_MEASURE || used.bytes >= EVIDENCE_MAX_BYTES_PER_MEASURE) throw quotaExceeded(used);
  }

  async upload(measureId: string, user: AuthenticatedUser, file: UploadedFile | undefined): Promise<EvidenceFileDto> {
    await this.authorizeUpload(measureId, user);
    if (!file) throw new DomainError(ErrorCode.UnsupportedMediaType, '请以 multipart/form-data 的 file 字段上传材料文件');
    if (file.buffer.length === 0) throw new DomainError(ErrorCode.EvidenceEmpty, '上传的文件是空的，请重新选择');
    const result = await this.evidence.saveWithinQuota(
      {
        measureId,
        fileName: cleanFileName(file.originalname),
        contentType: CONTENT_TYPE.test(file.mimetype) ? file.mimetype.toLowerCase() : 'application/octet-stream',
        content: file.buffer,
        uploadedBy: user.username,
      },
      { maxFiles: EVIDENCE_MAX_FILES_PER_MEASURE, maxBytes: EVIDENCE_MAX_BYTES_PER_MEASURE },
    );
    if ('refused' in result) throw quotaExceeded(result.refused, file.buffer.length);
    return toDto(result.saved);
  }

  async list(measureId: string, user: AuthenticatedUser): Promise<EvidenceFileDto[]> {
    this.assertMeasureId(measureId);
    await this.assertVisible(measureId, user);
    return (await this.evidence.listForMeasure(measureId)).map(toDto);
  }

  async download(id: string, user: AuthenticatedUser): Promise<EvidenceDownload> {
    const row = await this.evidence.find(id);
    // A file of a measure the user cannot see answers like a missing one, so ids cannot be probed.
    if (!row || !(await this.measures.isVisible(row.measureId, measureScopeOf(user)))) {
      throw new DomainError(ErrorCode.EvidenceNotFound, '佐证材料不存在');
    }
    const content = await this.evidence.content(id);
    if (!content) throw new DomainError(ErrorCode.EvidenceNotFound, '佐证材料不存在');
    return { file: toDto(row), content };
  }

  /**
   * The assignee, heads of the lead department, supervisors, admins — and whoever must rectify an
   * open finding of the measure (a finding keeps its assignee when the measure is reassigned).
   */
  private async mayUpload(measureId: string, user: AuthenticatedUser, row: MeasureListRow | undefined): Promise<boolean> {
    if (user.role === 'admin' || user.role === 'supervisor') return true;
    if (row?.assigneeId === user.username) return true;
    if (user.role === 'leader') return true;
    if (user.role === 'department_head' && row && owningDepartment(row) === user.departmentCode) return true;
    return this.mustRectify(measureId, user);
  }

  private async mustRectify(measureId: string, user: AuthenticatedUser): Promise<boolean> {
    return (await this.measures.listFindings(measureId)).some((f) => f.status !== 'closed' && f.assigneeId === user.username);
  }

  private assertMeasureId(measureId: string): void {
    if (!parseMeasureId(measureId)) throw new DomainError(ErrorCode.ValidationFailed, `事项编号 ${measureId} 无效，应为 年份-编号，例如 2022-2.1.1`);
  }

  private assertVisible(measureId: string, user: AuthenticatedUser): Promise<void> {
    return assertMeasureVisible(this.measures, measureId, user);
  }
}

/** The measure's quota: how much it holds, and what the limits are, in plain words. */
function quotaExceeded(used: EvidenceUsage, adding = 0): DomainError {
  const holds = `本事项已有佐证材料 ${used.files} 个、共 ${(used.bytes / MB).toFixed(1)} MB`;
  const limit = `每个事项最多 ${EVIDENCE_MAX_FILES_PER_MEASURE} 个、共 ${EVIDENCE_MAX_BYTES_PER_MEASURE / MB} MB`;
  const file = adding > 0 ? `，加上本文件（${(adding / MB).toFixed(1)} MB）将超出限额` : '，已达限额';
  return new DomainError(ErrorCode.EvidenceQuotaExceeded, `${holds}${file}（${limit}），不能再上传`, {
    files: used.files,
    bytes: used.bytes,
    maxFiles: EVIDENCE_MAX_FILES_PER_MEASURE,
    maxBytes: EVIDENCE_MAX_BYTES_PER_MEASURE,
  });
}

export function cleanFileName(name: string): string {
  // By code point, so a cut never splits a character made of a surrogate pair.
  const cleaned = Array.from(name.replace(BIDI_CONTROLS, '').replace(UNSAFE_NAME_CHARS, '_').trim()).slice(-200).join('');
  return cleaned || '未命名文件';
}
