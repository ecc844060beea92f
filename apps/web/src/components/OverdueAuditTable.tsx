// 逾期督查: every measure and finding past its due date, longest overdue first, paged on the server.
import { Tag, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { exportOverdueAudit, overdueAudit } from '../api/endpoints';
import { ExportExcelButton } from './DocumentButtons';
import type { OverdueItem } from '../api/types';
import { useI18n } from '../lib/i18n';
import { findingStatusLabel, stateLabel } from '../lib/labels';
import { useRemote } from '../lib/useRemote';
import { EscalationTag } from './StatusTags';
import { useServerPagination } from '../lib/paging';

export function OverdueAuditTable() {
  const { t, language } = useI18n();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const pagination = useServerPagination();
  const remote = useRemote(() => overdueAudit(page.page, page.pageSize), [page.page, page.pageSize], { keepPrevious: true });
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <ExportExcelButton download={exportOverdueAudit} testId="export-overdue" />
      </div>
      {remote.error && <Typography.Text type="danger">{remote.error}</Typography.Text>}
      <ResponsiveTable<OverdueItem>
        data-testid="overdue-audit"
        size="small"
        rowKey={(r) => r.findingId ?? r.measureId}
        loading={remote.loading}
        dataSource={remote.data?.items ?? []}
        locale={{ emptyText: remote.error ? remote.error : t('overdue.none') }}
        pagination={pagination(page, remote.data?.total ?? 0, (p, s) => setPage({ page: p, pageSize: s }))}
        columns={[
          {
            title: t('overdue.item'),
            render: (_, r) => (
              <div data-overdue-row={r.findingId ?? r.measureId}>
                <Link to={`/measures/${r.measureId}`}>{r.findingId ?? r.measureId}</Link>{' '}
                {r.kind === 'finding' && <Tag color="purple">{t('overdue.finding')}</Tag>}
                <div>{r.kind === 'finding' ? r.description : r.measureTitle}</div>
              </div>
            ),
          },
          { title: t('common.state'), width: 100, render: (_, r) => (r.kind === 'finding' ? findingStatusLabel(r.state, language) : stateLabel(r.state, language)) },
          { title: t('detail.lead'), width: 150, render: (_, r) => r.department?.name ?? r.department?.code ?? '—' },
          { title: t('detail.assignee'), width: 110, render: (_, r) => r.person?.displayName ?? r.person?.username ?? '—' },
          { title: t('detail.due'), dataIndex: 'dueDate', width: 110 },
          {
            title: t('overdue.days'),
            dataIndex: 'workingDaysOverdue',
            width: 120,
            render: (n: number) => <Typography.Text type="danger">{t('overdue.daysN', { n })}</Typography.Text>,
          },
          { title: t('overdue.level'), width: 90, render: (_, r) => <EscalationTag level={r.escalationLevel} /> },
          {
            title: t('overdue.urgings'),
            render: (_, r) => r.urgings.map((u) => `${u.date} ${u.label}`).join('；') || '—',
          },
        ]}
      />
    </>
  );
}
