// Measures paged and filtered on the server (GET /measures?page=&pageSize=&status=&department=&light=&q=).
import { Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { MEASURE_STATES, STATUS_LIGHTS } from '@duban/domain';
import { exportMeasures, listMeasures, type MeasureFilters } from '../api/endpoints';
import { ExportExcelButton } from './DocumentButtons';
import type { MeasureListItem } from '../api/types';
import { useDirectory } from '../lib/directory';
import { percentText } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { lightLabel, stateLabel } from '../lib/labels';
import { useRemote } from '../lib/useRemote';
import { DueDate } from './DueDate';
import { MeasureActions } from './MeasureActions';
import { BULK_ROLES, BulkActions } from './BulkActions';
import { useBulkText } from './BulkAssignDialog';
import { useUser } from '../lib/session';
import { EscalationTag, LightDot, StateTag } from './StatusTags';
import { useServerPagination } from '../lib/paging';
import { ResponsiveTable } from './ResponsiveTable';

type Filters = Omit<MeasureFilters, 'page' | 'pageSize'>;

interface Props {
  /** Filters the page sets and the user cannot change (e.g. status for a review queue). */
  fixed?: Filters;
  showFilters?: boolean;
  withActions?: boolean;
  testId?: string;
  emptyText?: string;
  /** Shows 导出 Excel: every row of the current filters (the same query as the list, no paging). */
  exportable?: boolean;
}

export function MeasureTable({ fixed = {}, showFilters = true, withActions = false, testId, emptyText, exportable = false }: Props) {
  const { t, language } = useI18n();
  const { departments, departmentName, userName } = useDirectory();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const pagination = useServerPagination();
  const query: MeasureFilters = { ...filters, ...fixed, ...paging };
  const remote = useRemote(() => listMeasures(query), [JSON.stringify(query)], { keepPrevious: true });
  // 批量交办 / 改派: row selection for those who may assign (kept across pages and filters).
  const user = useUser();
  const b = useBulkText();
  const bulk = withActions && BULK_ROLES.includes(user.role);
  const [selected, setSelected] = useState<string[]>([]);
  const ownerOf = new Map((remote.data?.items ?? []).map((m) => [m.id, m.leadDepartment ?? m.suggestedDepartmentCode]));
  const change = (next: Filters) => {
    setFilters({ ...filters, ...next });
    setPaging({ ...paging, page: 1 });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {showFilters && (
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('measures.search')}
            aria-label={t('measures.search')}
            style={{ width: 260 }}
            onSearch={(q) => change({ q: q.trim() || undefined })}
          />
          {!fixed.status && (
            <Select
              allowClear
              placeholder={t('common.state')}
              aria-label={t('common.state')}
              style={{ width: 130 }}
              value={filters.status}
              onChange={(status?: string) => change({ status })}
              options={MEASURE_STATES.map((s) => ({ value: s, label: stateLabel(s, language) }))}
            />
          )}
          {!fixed.light && (
            <Select
              allowClear
              placeholder={t('measures.light')}
              aria-label={t('measures.light')}
              style={{ width: 120 }}
              value={filters.light}
              onChange={(light?: string) => change({ light })}
              options={STATUS_LIGHTS.map((l) => ({ value: l, label: lightLabel(l, language) }))}
            />
          )}
          {!fixed.department && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('measures.department')}
              aria-label={t('measures.department')}
              style={{ width: 200 }}
              value={filters.department}
              onChange={(department?: string) => change({ department })}
              options={departments.map((d) => ({ value: d.code, label: d.name }))}
            />
          )}
          {exportable && <ExportExcelButton download={() => exportMeasures({ ...filters, ...fixed })} testId="export-measures" />}
        </Space>
      )}
      {bulk && (
        <BulkActions selected={selected} onSelect={setSelected} query={query} departmentsOf={(ids) => ids.flatMap((id) => (ownerOf.has(id) ? [ownerOf.get(id) ?? null] : []))} onChanged={remote.reload} />
      )}
      {remote.error && <Typography.Text type="danger">{remote.error}</Typography.Text>}
      <ResponsiveTable<MeasureListItem>
        data-testid={testId}
        size="small"
        rowKey="id"
        loading={remote.loading}
        dataSource={remote.data?.items ?? []}
        locale={{ emptyText: remote.error ?? emptyText ?? t('common.empty') }}
        pagination={pagination(paging, remote.data?.total ?? 0, (page, pageSize) => setPaging({ page, pageSize }), true)}
        rowSelection={
          bulk
            ? { selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (m) => ({ 'aria-label': m.id }) }
            : undefined
        }
        // On a phone: code, title, department, due date, light, state and the row's commands on one card.
        card={(m) => (
          <Space orientation="vertical" size={4} style={{ width: '100%' }} data-measure-row={m.id}>
            <Space size={6} wrap>
              <Link to={`/measures/${m.id}`}>{m.id}</Link>
              <StateTag state={m.state} />
              <LightDot light={m.light} reasons={m.lightReasons} />
              <EscalationTag level={m.escalationLevel} />
            </Space>
            <Typography.Text strong>{m.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.state === 'imported' && !m.leadDepartment && !m.suggestedDepartmentCode
                ? b('bulk.unowned')
                : (m.leadDepartmentName ?? departmentName(m.leadDepartment ?? m.suggestedDepartmentCode))}
              {(m.assigneeName ?? m.assigneeId) ? ` · ${m.assigneeName ?? userName(m.assigneeId)}` : ''}
              {m.progressPercent !== null && m.progressPercent !== undefined ? ` · ${percentText(m.progressPercent)}` : ''}
            </Typography.Text>
            <span style={{ fontSize: 13 }}>
              {t('detail.due')}
              {language === 'en' ? ': ' : '：'}
              <DueDate date={m.dueDate} done={m.state === 'completed'} />
            </span>
            {withActions && <MeasureActions size="small" measure={m} onChanged={remote.reload} />}
          </Space>
        )}
        columns={[
          { title: t('measures.light'), width: 90, render: (_, m) => <LightDot light={m.light} reasons={m.lightReasons} /> },
          {
            title: t('measures.measure'),
            render: (_, m) => (
              <div data-measure-row={m.id}>
                <Link to={`/measures/${m.id}`}>{m.id}</Link>
                <div>{m.title}</div>
              </div>
            ),
          },
          { title: t('common.state'), width: 90, render: (_, m) => <StateTag state={m.state} /> },
          {
            title: t('detail.lead'),
            width: 150,
            render: (_, m) =>
              m.state === 'imported' && !m.leadDepartment && !m.suggestedDepartmentCode ? (
                <Tag color="orange">{b('bulk.unowned')}</Tag>
              ) : (
                (m.leadDepartmentName ?? departmentName(m.leadDepartment ?? m.suggestedDepartmentCode))
              ),
          },
          { title: t('detail.assignee'), width: 110, render: (_, m) => m.assigneeName ?? userName(m.assigneeId) },
          { title: t('detail.due'), width: 190, render: (_, m) => <DueDate date={m.dueDate} done={m.state === 'completed'} /> },
          { title: t('detail.percent'), width: 70, render: (_, m) => percentText(m.progressPercent) },
          { title: t('overdue.level'), width: 80, render: (_, m) => <EscalationTag level={m.escalationLevel} /> },
          ...(withActions
            ? [
                {
                  title: t('common.actions'),
                  width: 220,
                  render: (_: unknown, m: MeasureListItem) => <MeasureActions size="small" measure={m} onChanged={remote.reload} />,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
