// 全部事项: every measure the user may see, filtered and paged on the server.
import { Typography } from 'antd';
import { MeasureTable } from '../components/MeasureTable';
import { useI18n } from '../lib/i18n';
import { useUrlMeasureFilters } from '../lib/useUrlMeasureFilters';

export function MeasuresPage() {
  const { t } = useI18n();
  // Filters from the URL (the cockpit's click-throughs) and a leader's 分管 scope.
  const url = useUrlMeasureFilters();
  return (
    <>
      <Typography.Title level={3}>{t('nav.measures')}</Typography.Title>
      {url.bar}
      {url.fixed && <MeasureTable key={url.key} fixed={url.fixed} testId="measure-list" withActions exportable />}
    </>
  );
}
