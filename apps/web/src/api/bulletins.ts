// The calls of 督办通报 issues (apps/api/bulletin), with their answers' types from the API's own DTOs
// (types only: nothing of the server reaches the browser).
import type { BulletinDto, BulletinListDto, BulletinSettingsDto } from '@duban/api/bulletin/bulletin.dto';
import { downloadFile, getJson, patchJson, postJson, putJson } from './http';

export type { BulletinDto as Bulletin, BulletinListDto as BulletinList, BulletinSettingsDto as BulletinSettings } from '@duban/api/bulletin/bulletin.dto';

export const listBulletins = (year: number) => getJson<BulletinListDto>('/bulletins', { year });
export const draftBulletin = (year: number, month: string) => postJson<BulletinDto>('/bulletins', { year, month });
export const editBulletinSummary = (id: number, summary: string) => patchJson<BulletinDto>(`/bulletins/${id}`, { summary });
export const signBulletin = (id: number) => postJson<BulletinDto>(`/bulletins/${id}/sign`);
export const getBulletinSettings = (year: number) => getJson<BulletinSettingsDto>(`/bulletins/settings/${year}`);
export const saveBulletinSettings = (year: number, prefix: string, issuer: string) => putJson<BulletinSettingsDto>(`/bulletins/settings/${year}`, { prefix, issuer });
export const downloadBulletinDocument = (b: Pick<BulletinDto, 'id' | 'issue' | 'month'>, format: 'docx' | 'pdf') =>
  downloadFile(`/bulletins/${b.id}/document`, { format }, `督办通报第${b.issue}期（${b.month}）.${format}`);
