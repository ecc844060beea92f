// 审核交办 (department head): submissions to review, measures to assign, the department's work.
import { Tabs, Typography } from 'antd';
import { MeasureTable } from '../components/MeasureTable';
import { TaskList } from '../components/TaskList';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';

export function ReviewPage() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <>
      <Typography.Title level={3}>{t('nav.review')}</Typography.Title>
      <Tabs
        items={[
          { key: 'tasks', label: t('tasks.waiting'), children: <TaskList testId="head-tasks" /> },
          {
            key: 'review',
            label: t('review.queue'),
            children: <MeasureTable testId="review-queue" fixed={{ status: 'under_review' }} withActions emptyText={t('review.queueEmpty')} />,
          },
          {
            key: 'assign',
            label: t('review.toAssign'),
            children: <MeasureTable testId="assign-queue" fixed={{ status: 'imported' }} withActions emptyText={t('review.toAssignEmpty')} />,
          },
          {
            key: 'department',
            label: t('review.department'),
            children: <MeasureTable testId="department-measures" fixed={{ department: user.departmentCode }} withActions />,
          },
        ]}
      />
    </>
  );
}
