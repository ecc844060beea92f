import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, type StreamableFile } from '@nestjs/common';
import type { z } from 'zod';
import { rolesFor } from '@duban/domain';
import { Roles, SignedIn } from '../auth/access.decorators';
import { toActor, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  approveBody,
  assignBody,
  cancelBody,
  declineBody,
  milestoneCompletionBody,
  milestoneNumberParam,
  transferDecisionBody,
  transferNumberParam,
  transferRequestBody,
  type DeclineBody,
  type MilestoneCompletionBody,
  type TransferDecisionBody,
  type TransferRequestBody,
  extensionDecisionBody,
  extensionNumberParam,
  extensionRequestBody,
  inspectionBody,
  measureIdParam,
  measureListQuery,
  timelineQuery,
  progressBody,
  reopenBody,
  returnBody,
  submitBody,
  type ApproveBody,
  type AssignBody,
  type CancelBody,
  type ExtensionDecisionBody,
  type ExtensionRequestBody,
  type InspectionBody,
  type MeasureDto,
  type MeasureListDto,
  type MeasureListQuery,
  type MeasureTimelineDto,
  type TimelineQuery,
  type ProgressBody,
  type ReopenBody,
  type ReturnBody,
  type SubmitBody,
} from './measure.dto';
import { MeasureService } from './measure.service';
import { download } from '../report/download';

const MeasureId = () => Param('id', new ZodValidationPipe(measureIdParam));
const Valid = (schema: z.ZodType) => Body(new ZodValidationPipe(schema));

/**
 * Route roles come from the domain's rule table (rolesFor); the department and person rules are
 * pre-checked by the service and decided again by the workflow.
 */
@Controller('measures')
export class MeasureController {
  constructor(private readonly measures: MeasureService) {}

  @Post(':id/start')
  @Roles(['admin'])
  @HttpCode(200)
  start(@MeasureId() id: string) {
    return this.measures.start(id);
  }

  @Post(':id/assign')
  @Roles(rolesFor('assign'))
  @HttpCode(200)
  assign(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(assignBody) body: AssignBody) {
    return this.measures.assign(id, toActor(user), body);
  }

  @Post(':id/reassign')
  @Roles(rolesFor('reassign'))
  @HttpCode(200)
  reassign(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(assignBody) body: AssignBody) {
    return this.measures.reassign(id, toActor(user), body);
  }

  @Post(':id/accept')
  @Roles(rolesFor('accept'))
  @HttpCode(200)
  accept(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.measures.accept(id, toActor(user));
  }

  @Post(':id/progress')
  @Roles(rolesFor('reportProgress'))
  @HttpCode(200)
  progress(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(progressBody) body: ProgressBody) {
    return this.measures.reportProgress(id, toActor(user), body);
  }

  @Post(':id/submit')
  @Roles(rolesFor('submitForReview'))
  @HttpCode(200)
  submit(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(submitBody) body: SubmitBody) {
    return this.measures.submit(id, toActor(user), body);
  }

  @Post(':id/approve')
  @Roles(rolesFor('approve'))
  @HttpCode(200)
  approve(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(approveBody) body: ApproveBody) {
    return this.measures.approve(id, toActor(user), body);
  }

  @Post(':id/return')
  @Roles(rolesFor('returnForRework'))
  @HttpCode(200)
  returnForRework(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(returnBody) body: ReturnBody) {
    return this.measures.returnForRework(id, toActor(user), body);
  }

  @Post(':id/extension-requests')
  @Roles(rolesFor('requestExtension'))
  @HttpCode(200)
  requestExtension(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(extensionRequestBody) body: ExtensionRequestBody) {
    return this.measures.requestExtension(id, toActor(user), body);
  }

  @Post(':id/extension-requests/:n/decision')
  @Roles(rolesFor('decideExtension'))
  @HttpCode(200)
  decideExtension(
    @MeasureId() id: string,
    @Param('n', new ZodValidationPipe(extensionNumberParam)) n: number,
    @CurrentUser() user: AuthenticatedUser,
    @Valid(extensionDecisionBody) body: ExtensionDecisionBody,
  ) {
    return this.measures.decideExtension(id, n, toActor(user), body);
  }

  @Post(':id/inspections')
  @Roles(rolesFor('fileInspection'))
  @HttpCode(200)
  fileInspection(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(inspectionBody) body: InspectionBody) {
    return this.measures.fileInspection(id, toActor(user), body);
  }

  @Post(':id/cancel')
  @Roles(rolesFor('cancel'))
  @HttpCode(200)
  cancel(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(cancelBody) body: CancelBody) {
    return this.measures.cancel(id, toActor(user), body);
  }

  /** 重新打开: a measure completed or cancelled by mistake continues its sequence and history. */
  @Post(':id/reopen')
  @Roles(rolesFor('reopen'))
  @HttpCode(200)
  reopen(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(reopenBody) body: ReopenBody) {
    return this.measures.reopen(id, toActor(user), body);
  }

  /** 退回交办: the assignee sends a mis-assigned task back before 签收; it is 待交办 of its department again. */
  @Post(':id/decline')
  @Roles(rolesFor('decline'))
  @HttpCode(200)
  decline(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(declineBody) body: DeclineBody) {
    return this.measures.decline(id, toActor(user), body);
  }

  /** 申请移交: the owning department's head asks another department to lead the measure. */
  @Post(':id/transfer-requests')
  @Roles(rolesFor('requestTransfer'))
  @HttpCode(200)
  requestTransfer(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(transferRequestBody) body: TransferRequestBody) {
    return this.measures.requestTransfer(id, toActor(user), body);
  }

  /** 审批移交: the receiving department's head (or a leader) accepts or refuses. */
  @Post(':id/transfer-requests/:n/decision')
  @Roles(rolesFor('decideTransfer'))
  @HttpCode(200)
  decideTransfer(
    @MeasureId() id: string,
    @Param('n', new ZodValidationPipe(transferNumberParam)) n: number,
    @CurrentUser() user: AuthenticatedUser,
    @Valid(transferDecisionBody) body: TransferDecisionBody,
  ) {
    return this.measures.decideTransfer(id, n, toActor(user), body);
  }

  /** 节点完成: the assignee reports milestone n done. */
  @Post(':id/milestones/:n/completion')
  @Roles(rolesFor('completeMilestone'))
  @HttpCode(200)
  completeMilestone(
    @MeasureId() id: string,
    @Param('n', new ZodValidationPipe(milestoneNumberParam)) n: number,
    @CurrentUser() user: AuthenticatedUser,
    @Valid(milestoneCompletionBody) body: MilestoneCompletionBody,
  ) {
    return this.measures.completeMilestone(id, n, toActor(user), body);
  }

  /** Services scope what each user sees; filters, paging and sort come from the query string. */
  @Get()
  @SignedIn()
  list(@CurrentUser() user: AuthenticatedUser, @Query(new ZodValidationPipe(measureListQuery)) query: MeasureListQuery): Promise<MeasureListDto> {
    return this.measures.list(user, query);
  }

  /** 导出 Excel: the list with the same query (filters, sort), every matching row, as XLSX. Before `:id`. */
  @Get('export')
  @SignedIn()
  @Header('Cache-Control', 'no-store')
  async export(@CurrentUser() user: AuthenticatedUser, @Query(new ZodValidationPipe(measureListQuery)) query: MeasureListQuery): Promise<StreamableFile> {
    return download(await this.measures.export(user, query));
  }

  @Get(':id')
  @SignedIn()
  get(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser): Promise<MeasureDto> {
    return this.measures.get(id, user);
  }

  /** Older pages of the timeline (the detail read carries the newest page). */
  @Get(':id/events')
  @SignedIn()
  timeline(
    @MeasureId() id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(timelineQuery)) query: TimelineQuery,
  ): Promise<MeasureTimelineDto> {
    return this.measures.timeline(id, user, query);
  }
}
