// 处室考核: per lead department — assigned, completed on time, overdue, rework, open findings.
import { Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { departmentScorecard, exportScorecard } from '../api/endpoints';
import { ExportExcelButton } from './DocumentButtons';
import type { ScorecardDepartment } from '../api/types';
import { percentText } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useRemote } from '../lib/useRemote';

const rate = (value: number | null) => (value === null ? '—' : percentText(value * 100));

export function ScorecardTable({ year }: { year: number }) {
  const { t } = useI18n();
  const remote = useRemote(() => departmentScorecard(year), [year]);
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <ExportExcelButton download={() => exportScorecard(year)} testId="export-scorecard" />
      </div>
      {remote.error && <Typography.Text type="danger">{remote.error}</Typography.Text>}
      <ResponsiveTable<ScorecardDepartment>
        size="small"
        rowKey={(r) => r.department.code}
        loading={remote.loading}
        dataSource={remote.data?.departments ?? []}
        pagination={false}
        locale={{ emptyText: t('scorecard.none') }}
        columns={[
          { title: t('scorecard.department'), render: (_, r) => r.department.name ?? r.department.code },
          { title: t('scorecard.assigned'), dataIndex: 'assigned', width: 80 },
          { title: t('scorecard.completed'), dataIndex: 'completed', width: 80 },
          { title: t('scorecard.onTime'), dataIndex: 'completedOnTime', width: 90 },
          { title: t('scorecard.onTimeRate'), width: 90, render: (_, r) => rate(r.onTimeRate) },
          { title: t('scorecard.overdue'), dataIndex: 'overdue', width: 80 },
          {
            title: t('scorecard.averageOverdue'),
            width: 130,
            render: (_, r) => (r.averageWorkingDaysOverdue === null ? '—' : t('overdue.daysN', { n: Math.round(r.averageWorkingDaysOverdue * 10) / 10 })),
          },
          { title: t('scorecard.reworkRate'), width: 90, render: (_, r) => rate(r.reworkRate) },
          { title: t('scorecard.openFindings'), dataIndex: 'openFindings', width: 100 },
          {
            title: t('scorecard.outcomes'),
            width: 160,
            render: (_, r) =>
              r.accountabilityOutcomes === 0 ? '0' : `${r.accountabilityOutcomes}（${r.outcomesByKind.map((o) => `${o.label} ${o.count}`).join('、')}）`,
          },
        ]}
      />
    </>
  );
}
