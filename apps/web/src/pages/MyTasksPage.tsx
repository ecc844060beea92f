// 我的任务 (staff): what waits for me (签收, 报送, 重新提交, 整改), then everything I handle.
import { Card, Space, Typography } from 'antd';
import { MeasureTable } from '../components/MeasureTable';
import { TaskList } from '../components/TaskList';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';

export function MyTasksPage() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.myTasks')}
      </Typography.Title>
      <Card size="small" title={t('tasks.waiting')}>
        <TaskList testId="my-tasks" />
      </Card>
      <Card size="small" title={t('tasks.all')}>
        <MeasureTable testId="my-measures" fixed={{ assignee: user.username }} withActions />
      </Card>
    </Space>
  );
}
