// What waits for the signed-in user (GET /me/tasks): 签收 and 整改/复查 right here, everything
// else on the measure's page.
import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { acceptMeasure, myTasks } from '../api/endpoints';
import type { Task, TaskKind } from '../api/types';
import { useI18n } from '../lib/i18n';
import { useRemote } from '../lib/useRemote';
import { CommandButton } from './CommandButton';
import { DueDate } from './DueDate';
import { RectifyDialog, VerifyDialog } from './FindingDialogs';
import { LightDot } from './StatusTags';
import { ResponsiveTable } from './ResponsiveTable';

export function TaskList({ kinds, testId }: { kinds?: TaskKind[]; testId?: string }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const remote = useRemote(myTasks, []);
  const [dialog, setDialog] = useState<{ kind: 'rectify' | 'verify'; findingId: string } | null>(null);
  const items = (remote.data?.items ?? []).filter((task) => !kinds || kinds.includes(task.kind));
  const done = () => {
    setDialog(null);
    remote.reload();
  };

  const action = (task: Task) => {
    if (task.kind === 'accept') {
      return <CommandButton size="small" label={task.actionLabel} successText={t('accept.done')} send={() => acceptMeasure(task.measureId)} onDone={remote.reload} />;
    }
    if ((task.kind === 'rectify' || task.kind === 'verify') && task.findingId) {
      const findingId = task.findingId;
      return (
        <Button size="small" type="primary" onClick={() => setDialog({ kind: task.kind as 'rectify' | 'verify', findingId })}>
          {task.actionLabel}
        </Button>
      );
    }
    // 督办 / 问责 and the 批示 / 催办 / 督办单 tasks are done on the measure's 督办与批示 card.
    const toDirectives = task.kind === 'supervise' || task.directiveId !== undefined;
    return (
      <Button size="small" type="primary" onClick={() => navigate(`/measures/${task.measureId}${toDirectives ? '#directives' : ''}`)}>
        {task.actionLabel}
      </Button>
    );
  };

  return (
    <>
      <ResponsiveTable<Task>
        data-testid={testId}
        size="small"
        rowKey={(task) => `${task.kind}:${task.directiveId ?? task.findingId ?? task.measureId}`}
        loading={remote.loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: remote.error ?? t('tasks.none') }}
        card={(task) => (
          <Space orientation="vertical" size={4} style={{ width: '100%' }} data-task={`${task.kind}:${task.directiveId ?? task.findingId ?? task.measureId}`}>
            <Space size={6} wrap>
              <Tag color="blue">{task.actionLabel}</Tag>
              <Link to={`/measures/${task.measureId}`}>{task.findingId ?? task.measureId}</Link>
              <LightDot light={task.light} reasons={task.lightReasons} />
            </Space>
            <Typography.Text strong>{task.title}</Typography.Text>
            <span style={{ fontSize: 13 }}>
              {t('detail.due')}
              {language === 'en' ? ': ' : '：'}
              <DueDate date={task.dueDate} />
            </span>
            <div>{action(task)}</div>
          </Space>
        )}
        columns={[
          { title: t('measures.light'), width: 90, render: (_, task) => <LightDot light={task.light} reasons={task.lightReasons} /> },
          {
            title: t('tasks.task'),
            render: (_, task) => (
              <Space orientation="vertical" size={0} data-task={`${task.kind}:${task.directiveId ?? task.findingId ?? task.measureId}`}>
                <Space size={6}>
                  <Tag color="blue">{task.actionLabel}</Tag>
                  <Link to={`/measures/${task.measureId}`}>{task.findingId ?? task.measureId}</Link>
                </Space>
                <span>{task.title}</span>
              </Space>
            ),
          },
          { title: t('detail.due'), width: 200, render: (_, task) => <DueDate date={task.dueDate} /> },
          { title: t('common.actions'), width: 110, render: (_, task) => action(task) },
        ]}
      />
      {dialog?.kind === 'rectify' && <RectifyDialog findingId={dialog.findingId} open onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'verify' && <VerifyDialog findingId={dialog.findingId} open onClose={() => setDialog(null)} onDone={done} />}
    </>
  );
}
