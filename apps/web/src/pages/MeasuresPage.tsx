// 全部事项: every measure the user may see, filtered and paged on the server.
import { Typography } from 'antd';
import { MeasureTable } from '../components/MeasureTable';
import { useI18n } from '../lib/i18n';

export function MeasuresPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t('nav.measures')}</Typography.Title>
      <MeasureTable testId="measure-list" withActions />
    </>
  );
}
