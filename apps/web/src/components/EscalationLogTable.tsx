// 督办记录: every escalation the ladders issued, newest first, filtered by level, paged on the server.
import { Select, Space, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ESCALATION_LEVELS } from '@duban/domain';
import { escalationLog, exportEscalationLog } from '../api/endpoints';
import { ExportExcelButton } from './DocumentButtons';
import type { EscalationLogItem } from '../api/types';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { escalationLabel } from '../lib/labels';
import { useRemote } from '../lib/useRemote';
import { EscalationTag } from './StatusTags';
import { useServerPagination } from '../lib/paging';

export function EscalationLogTable() {
  const { t, language } = useI18n();
  const { userName } = useDirectory();
  const [query, setQuery] = useState<{ page: number; pageSize: number; level?: string }>({ page: 1, pageSize: 20 });
  const pagination = useServerPagination();
  const remote = useRemote(() => escalationLog(query), [query.page, query.pageSize, query.level], { keepPrevious: true });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('escalations.level')}
          aria-label={t('escalations.level')}
          style={{ width: 160 }}
          value={query.level}
          onChange={(level?: string) => setQuery({ ...query, level, page: 1 })}
          options={ESCALATION_LEVELS.map((l) => ({ value: l, label: escalationLabel(l, language) }))}
        />
        <ExportExcelButton download={() => exportEscalationLog({ level: query.level })} testId="export-escalations" />
      </Space>
      {remote.error && <Typography.Text type="danger">{remote.error}</Typography.Text>}
      <ResponsiveTable<EscalationLogItem>
        size="small"
        rowKey="eventId"
        loading={remote.loading}
        dataSource={remote.data?.items ?? []}
        locale={{ emptyText: t('escalations.none') }}
        pagination={pagination(query, remote.data?.total ?? 0, (page, pageSize) => setQuery({ ...query, page, pageSize }))}
        columns={[
          { title: t('escalations.date'), dataIndex: 'date', width: 110 },
          { title: t('overdue.level'), width: 90, render: (_, r) => <EscalationTag level={r.level} /> },
          {
            title: t('overdue.item'),
            render: (_, r) => (
              <>
                <Link to={`/measures/${r.measureId}`}>{r.findingId ?? r.measureId}</Link> {r.measureTitle}
              </>
            ),
          },
          { title: t('escalations.against'), width: 90, render: (_, r) => (r.against === 'reviewer' ? t('escalations.reviewer') : t('escalations.assignee')) },
          { title: t('ladder.stepDate'), dataIndex: 'stepDate', width: 110 },
          { title: t('escalations.notified'), render: (_, r) => r.notified.map((u) => userName(u)).join('、') || '—' },
        ]}
      />
    </Space>
  );
}
