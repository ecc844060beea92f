// A due date as YYYY-MM-DD with how it stands in working days (剩余 / 今日到期 / 逾期, never a
// negative count), marked 暂定 only when that count crosses a year whose holidays are not known.
import { Tooltip, Typography } from 'antd';
import { dueNote } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { dependsOnUnknownYear, dueStatus, todayInBeijing } from '../lib/workingDays';

interface Props {
  date: string | null | undefined;
  done?: boolean;
  /** The page says why the count is provisional itself (the detail page's note). */
  hideProvisional?: boolean;
}

export function DueDate({ date, done = false, hideProvisional = false }: Props) {
  const { t } = useI18n();
  if (!date) return <Typography.Text type="secondary">—</Typography.Text>;
  if (done) return <span>{date}</span>;
  const today = todayInBeijing();
  const status = dueStatus(date, today);
  const note = dueNote(status);
  const provisional = !hideProvisional && dependsOnUnknownYear(today, date);
  return (
    <span data-due={status.kind}>
      {date}{' '}
      <Typography.Text type={status.kind === 'overdue' ? 'danger' : status.kind === 'today' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        （{t(note.key, { n: note.n })}）
      </Typography.Text>
      {provisional && (
        <Tooltip title={t('detail.provisional')}>
          <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="due-provisional">
            {t('ladder.provisional')}
          </Typography.Text>
        </Tooltip>
      )}
    </span>
  );
}
