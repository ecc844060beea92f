// A due date as YYYY-MM-DD with how it stands in working days (剩余 / 今日到期 / 逾期).
import { Typography } from 'antd';
import { useI18n } from '../lib/i18n';
import { dueStatus } from '../lib/workingDays';

export function DueDate({ date, done = false }: { date: string | null | undefined; done?: boolean }) {
  const { t } = useI18n();
  if (!date) return <Typography.Text type="secondary">—</Typography.Text>;
  if (done) return <span>{date}</span>;
  const status = dueStatus(date);
  const note =
    status.kind === 'today'
      ? t('due.today')
      : status.kind === 'left'
        ? t('due.left', { n: status.days })
        : t('due.overdue', { n: status.days });
  return (
    <span>
      {date}{' '}
      <Typography.Text type={status.kind === 'overdue' ? 'danger' : status.kind === 'today' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        （{note}）
      </Typography.Text>
    </span>
  );
}
