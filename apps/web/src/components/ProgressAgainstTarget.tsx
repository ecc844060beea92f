// Reported progress against the measure's quantified target (e.g. 312 / 600 个), or a percentage.
import { Progress, Space, Typography } from 'antd';
import type { MeasureSnapshot, Quantity } from '../api/types';
import { beijingDay } from '../lib/format';
import { useI18n } from '../lib/i18n';

export function ProgressAgainstTarget({ progress, target, done }: { progress: MeasureSnapshot['progress'] | undefined; target: Quantity | undefined; done: boolean }) {
  const { t } = useI18n();
  const percent = done ? 100 : (progress?.percent ?? (target && progress?.quantityDone != null ? (progress.quantityDone / target.value) * 100 : 0));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={2} data-testid="progress">
      <Progress percent={Math.round(Math.min(100, percent) * 10) / 10} status={done ? 'success' : 'active'} />
      <Typography.Text type="secondary">
        {target
          ? t('progress.against', { done: progress?.quantityDone ?? 0, target: target.value, unit: target.unit })
          : t('progress.noTarget')}
        {progress?.reportedAt ? ` · ${t('progress.lastReported', { date: beijingDay(progress.reportedAt) })}` : ''}
      </Typography.Text>
      {target && <Typography.Text type="secondary">{t('progress.targetText', { text: target.text })}</Typography.Text>}
    </Space>
  );
}
