// The calls of a plan's 督办规则 and 年终结转 (apps/api/plan-policy, apps/api/year-end), with their
// answers' types from the API's own DTOs (types only: nothing of the server reaches the browser).
import type { EscalationPolicy } from '@duban/domain';
import type { PlanPolicyChangeDto, PlanPolicyDto, PlanPolicyVersionsDto } from '@duban/api/plan-policy/plan-policy.dto';
import type { CarryOverLinksDto, CarryOverResultDto, CompletionReportViewDto } from '@duban/api/year-end/year-end.dto';
import { downloadFile, getJson, postJson, putJson } from './http';

export type {
  PlanPolicyChangeDto as PlanPolicyChange,
  PlanPolicyDto as PlanPolicy,
  PlanPolicyVersionDto as PlanPolicyVersion,
  PlanPolicyVersionsDto as PlanPolicyVersions,
} from '@duban/api/plan-policy/plan-policy.dto';
export type {
  CarryOverLinkDto as CarryOverLink,
  CarryOverLinksDto as CarryOverLinks,
  CarryOverResultDto as CarryOverResult,
  CompletionLineDto as CompletionLine,
  CompletionReportDto as CompletionReport,
  CompletionReportViewDto as CompletionReportView,
} from '@duban/api/year-end/year-end.dto';

export const getPlanPolicy = (year: number) => getJson<PlanPolicyDto>(`/plans/${year}/policy`);
export const getPlanPolicyVersions = (year: number) => getJson<PlanPolicyVersionsDto>(`/plans/${year}/policy/versions`);
export const changePlanPolicy = (year: number, policy: EscalationPolicy, reason: string) => putJson<PlanPolicyChangeDto>(`/plans/${year}/policy`, { ...policy, reason });

export const carryOverPlan = (year: number, body: { toYear: number; reason: string; measureIds?: string[] }) => postJson<CarryOverResultDto>(`/plans/${year}/carry-over`, body);
export const getCompletionReport = (year: number) => getJson<CompletionReportViewDto>(`/plans/${year}/completion-report`);
export const downloadCompletionReport = (year: number) => downloadFile(`/plans/${year}/completion-report/xlsx`, {}, `${year}年工作要点完成情况.xlsx`);
export const getCarryOverLinks = (measureId: string) => getJson<CarryOverLinksDto>(`/measures/${measureId}/carry-over`);
