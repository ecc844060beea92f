// 督办与批示: the measure's 批示, 催办, 督办单 and 问责结果 (each a workflow of its own), with the
// buttons the signed-in user may use now — decided by the domain's rules, as the API decides them.
import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { checkDirectiveCommand, checkIssue, directiveCommandLabel, MEASURE_STATES, type Actor, type DirectiveCommand, type DirectiveKind } from '@duban/domain';
import { acknowledgeInstruction, listDirectives, openNoticeDocument, openOutcomeDocument, signSupervisionNotice } from '../api/endpoints';
import { PrintButton } from './DocumentButtons';
import type { Directive } from '../api/types';
import { beijingDateTime } from '../lib/format';
import { directiveKindLabel, directiveStatusText, ESCALATION_COLORS, escalationLabel, ladderIssuerLabel, outcomeKindLabel } from '../lib/labels';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { useRemote } from '../lib/useRemote';
import { CommandButton } from './CommandButton';
import { CloseInstructionDialog, IssueDialog, RespondDialog, useWords } from './DirectiveDialogs';
import { DueDate } from './DueDate';

export interface DirectiveMeasure {
  id: string;
  state: string;
  assigneeId: string | null;
  leadDepartment: string | null;
  suggestedDepartmentCode: string | null;
}

const KIND_COLORS: Record<DirectiveKind, string> = { instruction: 'magenta', urging: 'orange', notice: 'volcano', outcome: 'red' };
const STATUS_COLORS: Record<string, string> = { issued: 'orange', acknowledged: 'blue', answered: 'green', closed: 'default', recorded: 'red' };

type Dialog = { issue: DirectiveKind } | { respond: Directive } | { close: Directive };

export function DirectivesCard({ measure, onChanged }: { measure: DirectiveMeasure; onChanged(): void }) {
  const w = useWords();
  const { language } = useI18n();
  const user = useUser();
  const location = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  const remote = useRemote(() => listDirectives(measure.id), [measure.id]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const actor: Actor = { userId: user.username, role: user.role, department: user.departmentCode };
  const state = MEASURE_STATES.find((s) => s === measure.state) ?? 'imported';
  const mayIssue = (kind: DirectiveKind) => checkIssue(kind, { ...measure, state }, actor).ok;
  const may = (d: Directive, command: DirectiveCommand) => checkDirectiveCommand({ kind: d.kind, status: d.status, departmentCode: d.department?.code ?? null, assigneeId: d.assignee?.username ?? null }, command, actor).ok;
  const items = remote.data?.items ?? [];

  // The task list's 督办 / 问责 and the directives' tasks lead here (…#directives).
  useEffect(() => {
    if (location.hash === '#directives' && remote.data) ref.current?.scrollIntoView({ block: 'start' });
  }, [location.hash, remote.data]);

  const done = () => {
    setDialog(null);
    remote.reload();
    onChanged();
  };

  const issueButtons: Array<[DirectiveKind, string]> = [
    ['instruction', w('批示', 'Instruct')],
    ['urging', w('催办', 'Urge')],
    ['notice', w('发督办单', 'Issue notice')],
    ['outcome', w('记录问责结果', 'Record outcome')],
  ];

  return (
    <div ref={ref} id="directives">
      <Card
        size="small"
        data-testid="directives"
        title={w(`督办与批示（${items.length}）`, `Supervision and instructions (${items.length})`)}
        extra={
          <Space wrap>
            {issueButtons
              .filter(([kind]) => mayIssue(kind))
              .map(([kind, label]) => (
                <Button key={kind} size="small" onClick={() => setDialog({ issue: kind })} data-testid={`issue-${kind}`}>
                  {label}
                </Button>
              ))}
          </Space>
        }
      >
        {remote.error && <Typography.Text type="danger">{remote.error}</Typography.Text>}
        {items.length === 0 ? (
          <Empty description={w('暂无批示、催办、督办单或问责记录', 'No instructions, urgings, notices or outcomes')} />
        ) : (
          <List
            itemLayout="vertical"
            dataSource={items}
            renderItem={(d) => (
              <List.Item
                key={d.directiveId}
                data-directive={d.directiveId}
                data-status={d.status}
                actions={[
                  ...(may(d, 'acknowledge')
                    ? [
                        <CommandButton
                          key="acknowledge"
                          size="small"
                          label={w('签收', 'Sign for')}
                          successText={w('已签收', 'Signed for')}
                          send={() => (d.kind === 'notice' ? signSupervisionNotice(measure.id, d.n) : acknowledgeInstruction(measure.id, d.n))}
                          onDone={done}
                        />,
                      ]
                    : []),
                  ...(may(d, 'respond') && d.kind !== 'outcome'
                    ? [
                        <Button key="respond" type="primary" size="small" onClick={() => setDialog({ respond: d })}>
                          {directiveCommandLabel(d.kind, 'respond')}
                        </Button>,
                      ]
                    : []),
                  ...(d.kind === 'notice' || d.kind === 'outcome'
                    ? [
                        <PrintButton
                          key="print"
                          open={() => (d.kind === 'notice' ? openNoticeDocument(measure.id, d.n) : openOutcomeDocument(measure.id, d.n))}
                          testId={`print-${d.directiveId}`}
                        />,
                      ]
                    : []),
                  ...(may(d, 'close') && d.status === 'answered'
                    ? [
                        <Button key="close" size="small" onClick={() => setDialog({ close: d })}>
                          {w('办结', 'Close')}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <Space wrap style={{ marginBottom: 4 }}>
                  <Tag color={KIND_COLORS[d.kind]}>{directiveKindLabel(d.kind, language)}</Tag>
                  {d.noticeNumber && <Typography.Text strong data-testid="notice-number">{d.noticeNumber}</Typography.Text>}
                  {d.outcomeKind && <Tag color="red">{outcomeKindLabel(d.outcomeKind, language)}</Tag>}
                  <Tag color={STATUS_COLORS[d.status]} data-testid="directive-status">
                    {directiveStatusText(d.kind, d.status, language)}
                  </Tag>
                  {d.escalationLevel && d.escalationLabel && (
                    <Tag color={ESCALATION_COLORS[d.escalationLevel as keyof typeof ESCALATION_COLORS]}>{escalationLabel(d.escalationLevel, language)}</Tag>
                  )}
                </Space>
                <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="directive-text">
                  {d.text}
                </Typography.Paragraph>
                <Descriptions column={{ xs: 1, md: 3 }} size="small">
                  <Descriptions.Item label={w('发出', 'Issued')}>
                    {d.issuerRole === 'system' ? ladderIssuerLabel(language) : (d.issuedBy.displayName ?? d.issuedBy.username)} · {beijingDateTime(d.issuedAt)}
                  </Descriptions.Item>
                  {d.department && <Descriptions.Item label={w('办理单位', 'Department')}>{d.department.name ?? d.department.code}</Descriptions.Item>}
                  {d.assignee && d.kind === 'urging' && <Descriptions.Item label={w('承办人', 'Assignee')}>{d.assignee.displayName ?? d.assignee.username}</Descriptions.Item>}
                  {d.dueDate && (
                    <Descriptions.Item label={w('期限', 'Due')}>
                      <DueDate date={d.dueDate} done={d.status !== 'issued' && d.status !== 'acknowledged'} />
                    </Descriptions.Item>
                  )}
                  {d.acknowledgedBy && d.acknowledgedAt && (
                    <Descriptions.Item label={w('签收', 'Signed for')}>
                      {d.acknowledgedBy.displayName ?? d.acknowledgedBy.username} · {beijingDateTime(d.acknowledgedAt)}
                    </Descriptions.Item>
                  )}
                  {d.closedBy && d.closedAt && (
                    <Descriptions.Item label={w('办结', 'Closed')}>
                      {d.closedBy.displayName ?? d.closedBy.username} · {beijingDateTime(d.closedAt)}
                      {d.closeComment ? `：${d.closeComment}` : ''}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                {d.responses.length > 0 && (
                  <List
                    size="small"
                    data-testid="directive-responses"
                    header={<Typography.Text type="secondary">{d.kind === 'urging' ? w('反馈', 'Feedback') : d.kind === 'notice' ? w('办理情况', 'Progress') : w('答复', 'Answers')}</Typography.Text>}
                    dataSource={d.responses}
                    renderItem={(r, i) => (
                      <List.Item key={i}>
                        <Typography.Text>{r.text}</Typography.Text>
                        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                          {r.by.displayName ?? r.by.username} · {beijingDateTime(r.at)}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                )}
              </List.Item>
            )}
          />
        )}
      </Card>
      {dialog && 'issue' in dialog && <IssueDialog kind={dialog.issue} measureId={measure.id} open onClose={() => setDialog(null)} onDone={done} />}
      {dialog && 'respond' in dialog && dialog.respond.kind !== 'outcome' && (
        <RespondDialog kind={dialog.respond.kind} n={dialog.respond.n} measureId={measure.id} open onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog && 'close' in dialog && <CloseInstructionDialog n={dialog.close.n} measureId={measure.id} open onClose={() => setDialog(null)} onDone={done} />}
    </div>
  );
}
