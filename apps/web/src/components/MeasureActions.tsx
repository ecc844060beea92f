// The commands the signed-in user may run on a measure now (decided by the same lifecycle rules
// the workflow applies), each opening its dialog.
import { Button, Space } from 'antd';
import { useState } from 'react';
import { checkCommand, MEASURE_STATES, type MeasureCommand, type Milestone, type TransferRequest } from '@duban/domain';
import { acceptMeasure } from '../api/endpoints';
import type { ExtensionRequest, Quantity } from '../api/types';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { AssignDialog } from './AssignDialog';
import { CancelDialog } from './CancelDialog';
import { CommandButton } from './CommandButton';
import { DecideExtensionDialog, RequestExtensionDialog } from './ExtensionDialogs';
import { DeclineDialog, MilestoneDialog, TransferDecisionDialog, TransferRequestDialog } from './HandoverDialogs';
import { InspectionDialog } from './FindingDialogs';
import { ProgressDialog } from './ProgressDialog';
import { ReviewDialog } from './ReviewDialog';
import { SubmitDialog } from './SubmitDialog';

export interface ActionableMeasure {
  id: string;
  /** GET /measures/:id sends the state as a plain string; an unknown one offers no command. */
  state: string;
  assigneeId: string | null;
  leadDepartment: string | null;
  coDepartments?: Array<{ code: string }>;
  dueDate: string | null;
  suggestedDepartmentCode: string | null;
  suggestedCoDepartments?: string[];
  planLeadText?: string | null;
  extensions?: ExtensionRequest[];
  quantityTarget?: Quantity;
  transfer?: TransferRequest | null;
  milestones?: Milestone[];
}

type Dialog =
  | 'assign'
  | 'reassign'
  | 'progress'
  | 'submit'
  | 'approve'
  | 'return'
  | 'requestExtension'
  | 'decideExtension'
  | 'inspect'
  | 'cancel'
  | 'decline'
  | 'requestTransfer'
  | 'decideTransfer'
  | { milestone: number };

export function MeasureActions({ measure, onChanged, size = 'middle' }: { measure: ActionableMeasure; onChanged(): void; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const user = useUser();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const state = MEASURE_STATES.find((s) => s === measure.state);
  const may = (command: MeasureCommand) => state !== undefined && checkCommand({ ...measure, coDepartments: measure.coDepartments?.map((d) => d.code), state }, command, { userId: user.username, role: user.role, department: user.departmentCode }).ok;
  const pendingExtension = measure.extensions?.find((e) => e.status === 'pending');
  const pendingTransfer = measure.transfer?.status === 'pending' ? measure.transfer : null;
  const owner = measure.leadDepartment ?? measure.suggestedDepartmentCode;
  const nextMilestone = (measure.milestones ?? []).findIndex((m) => !m.completedOn);
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    onChanged();
  };

  const buttons = [
    may('assign') && <Button key="assign" type="primary" size={size} onClick={() => setDialog('assign')}>{t('action.assign')}</Button>,
    may('accept') && <CommandButton key="accept" size={size} label={t('action.accept')} successText={t('accept.done')} send={() => acceptMeasure(measure.id)} onDone={onChanged} />,
    may('reportProgress') && <Button key="progress" size={size} onClick={() => setDialog('progress')}>{t('action.progress')}</Button>,
    may('submitForReview') && <Button key="submit" type="primary" size={size} onClick={() => setDialog('submit')}>{t('action.submit')}</Button>,
    may('approve') && <Button key="approve" type="primary" size={size} onClick={() => setDialog('approve')}>{t('action.approve')}</Button>,
    may('returnForRework') && <Button key="return" danger size={size} onClick={() => setDialog('return')}>{t('action.return')}</Button>,
    may('decideExtension') && pendingExtension && (
      <Button key="decide" size={size} onClick={() => setDialog('decideExtension')}>{t('action.decideExtension')}</Button>
    ),
    may('requestExtension') && !pendingExtension && (
      <Button key="extend" size={size} onClick={() => setDialog('requestExtension')}>{t('action.requestExtension')}</Button>
    ),
    may('reassign') && <Button key="reassign" size={size} onClick={() => setDialog('reassign')}>{t('action.reassign')}</Button>,
    may('fileInspection') && measure.assigneeId && <Button key="inspect" size={size} onClick={() => setDialog('inspect')}>{t('action.inspect')}</Button>,
    may('completeMilestone') && nextMilestone >= 0 && (
      <Button key="milestone" size={size} onClick={() => setDialog({ milestone: nextMilestone + 1 })}>
        {t('action.completeMilestone')}
      </Button>
    ),
    may('decline') && <Button key="decline" danger size={size} onClick={() => setDialog('decline')}>{t('action.decline')}</Button>,
    may('requestTransfer') && !pendingTransfer && <Button key="transfer" size={size} onClick={() => setDialog('requestTransfer')}>{t('action.requestTransfer')}</Button>,
    may('decideTransfer') && pendingTransfer && (
      <Button key="decideTransfer" type="primary" size={size} onClick={() => setDialog('decideTransfer')}>{t('action.decideTransfer')}</Button>
    ),
    may('cancel') && <Button key="cancel" danger size={size} onClick={() => setDialog('cancel')}>{t('action.cancel')}</Button>,
  ].filter(Boolean);
  const milestone = typeof dialog === 'object' && dialog !== null ? measure.milestones?.[dialog.milestone - 1] : undefined;

  return (
    <>
      <Space wrap size="small">{buttons}</Space>
      {(dialog === 'assign' || dialog === 'reassign') && (
        <AssignDialog
          measureId={measure.id}
          mode={dialog}
          suggestedDepartment={measure.suggestedDepartmentCode}
          suggestedCoDepartments={measure.suggestedCoDepartments}
          planLeadText={measure.planLeadText}
          current={dialog === 'reassign' ? measure : undefined}
          open
          onClose={close}
          onDone={done}
        />
      )}
      {dialog === 'progress' && <ProgressDialog measureId={measure.id} target={measure.quantityTarget} open onClose={close} onDone={done} />}
      {dialog === 'submit' && <SubmitDialog measureId={measure.id} open onClose={close} onDone={done} />}
      {(dialog === 'approve' || dialog === 'return') && <ReviewDialog measureId={measure.id} decision={dialog} open onClose={close} onDone={done} />}
      {dialog === 'requestExtension' && <RequestExtensionDialog measureId={measure.id} open onClose={close} onDone={done} />}
      {dialog === 'decideExtension' && pendingExtension && (
        <DecideExtensionDialog measureId={measure.id} request={pendingExtension} open onClose={close} onDone={done} />
      )}
      {dialog === 'inspect' && <InspectionDialog measureId={measure.id} open onClose={close} onDone={done} />}
      {dialog === 'cancel' && <CancelDialog measureId={measure.id} open onClose={close} onDone={done} />}
      {dialog === 'decline' && <DeclineDialog measureId={measure.id} open onClose={close} onDone={done} />}
      {dialog === 'requestTransfer' && <TransferRequestDialog measureId={measure.id} owner={owner} open onClose={close} onDone={done} />}
      {dialog === 'decideTransfer' && pendingTransfer && <TransferDecisionDialog measureId={measure.id} transfer={pendingTransfer} open onClose={close} onDone={done} />}
      {milestone && typeof dialog === 'object' && dialog !== null && (
        <MilestoneDialog measureId={measure.id} n={dialog.milestone} title={milestone.title} open onClose={close} onDone={done} />
      )}
    </>
  );
}
