// 督办单 and 问责记录: the numbered documents the ladder's supervision and accountability steps
// issue (督〔年〕第N号), newest first, paged on the server.
import { Segmented, Space, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { auditNotices, exportNotices, openAuditNoticeDocument } from '../api/endpoints';
import { ExportExcelButton, PrintButton } from './DocumentButtons';
import type { Notice, NoticeKind } from '../api/types';
import { useI18n } from '../lib/i18n';
import { useRemote } from '../lib/useRemote';
import { useServerPagination } from '../lib/paging';

export function NoticesTable() {
  const { t, language } = useI18n();
  const [query, setQuery] = useState<{ kind: NoticeKind; page: number; pageSize: number }>({ kind: 'supervision', page: 1, pageSize: 20 });
  const pagination = useServerPagination();
  const remote = useRemote(() => auditNotices(query), [query.kind, query.page, query.pageSize], { keepPrevious: true });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="notices">
      <Space wrap>
        <Segmented<NoticeKind>
          value={query.kind}
          onChange={(kind) => setQuery({ ...query, kind, page: 1 })}
          options={[
            { value: 'supervision', label: t('notices.supervision') },
            { value: 'accountability', label: t('notices.accountability') },
          ]}
          aria-label={t('notices.kind')}
        />
        <ExportExcelButton download={() => exportNotices(query.kind)} testId="export-notices" />
      </Space>
      {remote.error && <Typography.Text type="danger">{remote.error}</Typography.Text>}
      <ResponsiveTable<Notice>
        size="small"
        rowKey="eventId"
        loading={remote.loading}
        dataSource={remote.data?.items ?? []}
        locale={{ emptyText: t('notices.none') }}
        pagination={pagination(query, remote.data?.total ?? 0, (page, pageSize) => setQuery({ ...query, page, pageSize }))}
        columns={[
          { title: t('notices.number'), dataIndex: 'number', width: 150, render: (v: string, r) => <span data-notice={r.measureId}>{v}</span> },
          { title: t('notices.issuedOn'), dataIndex: 'issuedOn', width: 110 },
          {
            title: t('overdue.item'),
            render: (_, r) => (
              <>
                <Link to={`/measures/${r.measureId}`}>{r.findingId ?? r.measureId}</Link> {r.measureTitle}
              </>
            ),
          },
          { title: t('notices.unit'), width: 150, render: (_, r) => r.responsibleUnit?.name ?? r.responsibleUnit?.code ?? '—' },
          { title: t('notices.person'), width: 120, render: (_, r) => r.responsiblePerson?.displayName ?? r.responsiblePerson?.username ?? '—' },
          { title: t('overdue.days'), width: 110, render: (_, r) => (r.overdueWorkingDays === null ? '—' : t('overdue.daysN', { n: r.overdueWorkingDays })) },
          { title: language === 'en' ? 'Document' : '文书', width: 90, render: (_, r) => <PrintButton open={() => openAuditNoticeDocument(r.eventId)} testId={`print-${r.eventId}`} /> },
        ]}
      />
    </Space>
  );
}
