// The bulk bar above a measure list (处室负责人, 局领导, 系统管理员): what is selected, helpers to select
// by chapter/section or department (from the plan tree) or everything the filters match, and the
// 批量交办 / 批量改派 / 设定建议牵头处室 dialogs; the result lists every failure by measure, with why.
import { Alert, App, Button, Form, Modal, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useEffect, useMemo, useState } from 'react';
import { getPlanTree, listMeasures, listPlans, setSuggestedDepartments, type MeasureFilters } from '../api/endpoints';
import type { BulkResult, PlanTree } from '../api/types';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { BULK_MAX, BulkAssignDialog, useBulkText } from './BulkAssignDialog';

/** Who gets the bulk bar: those who may 交办 / 改派. */
export const BULK_ROLES: ReadonlyArray<string> = ['department_head', 'leader', 'admin'];

interface Props {
  selected: string[];
  onSelect(ids: string[]): void;
  /** The list's query (its filters), for 「选择当前筛选的全部事项」 and to keep chapter picks inside the list. */
  query: MeasureFilters;
  /** Suggested or lead department of the selected rows on the current page, for the dialog's default lead. */
  departmentsOf(ids: string[]): Array<string | null>;
  onChanged(): void;
}

export function BulkActions({ selected, onSelect, query, departmentsOf, onChanged }: Props) {
  const b = useBulkText();
  const { message } = App.useApp();
  const user = useUser();
  const [dialog, setDialog] = useState<'assign' | 'reassign' | 'pick' | 'lead' | null>(null);
  const [result, setResult] = useState<{ mode: 'assign' | 'reassign'; result: BulkResult } | null>(null);
  const [loadingAll, setLoadingAll] = useState(false);
  const owners = [...new Set(departmentsOf(selected))];
  const common = owners.length === 1 ? owners[0] : undefined;

  const add = (ids: string[]) => {
    const next = [...new Set([...selected, ...ids])];
    if (next.length > BULK_MAX) void message.warning(b('bulk.tooMany', { n: BULK_MAX }));
    onSelect(next.slice(0, BULK_MAX));
  };

  const selectAllFiltered = async () => {
    setLoadingAll(true);
    try {
      const ids: string[] = [];
      for (let page = 1; ids.length < BULK_MAX; page++) {
        const list = await listMeasures({ ...query, page, pageSize: 100 });
        ids.push(...list.items.map((m) => m.id));
        if (page * 100 >= list.total) break;
      }
      if (ids.length === 0) void message.info(b('bulk.nonePicked'));
      add(ids);
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setLoadingAll(false);
    }
  };

  const finished = (mode: 'assign' | 'reassign', r: BulkResult) => {
    setResult({ mode, result: r });
    // What went through leaves the selection; what failed stays, to be fixed and sent again.
    const done = new Set(r.succeeded.map((s) => s.measureId));
    onSelect(selected.filter((id) => !done.has(id)));
    onChanged();
  };

  return (
    <Space wrap data-testid="bulk-bar">
      <Tag color={selected.length ? 'blue' : undefined} data-testid="bulk-selected">
        {b('bulk.selected', { n: selected.length })}
      </Tag>
      <Button size="small" onClick={() => setDialog('pick')}>
        {b('bulk.bySection')}
      </Button>
      <Button size="small" loading={loadingAll} onClick={() => void selectAllFiltered()}>
        {b('bulk.allFiltered')}
      </Button>
      <Button size="small" type="primary" disabled={selected.length === 0} onClick={() => setDialog('assign')}>
        {b('bulk.assign')}
      </Button>
      <Button size="small" onClick={() => setDialog('reassign')}>
        {b('bulk.reassign')}
      </Button>
      {(user.role === 'leader' || user.role === 'admin') && (
        <Button size="small" disabled={selected.length === 0} onClick={() => setDialog('lead')}>
          {b('bulk.setLead')}
        </Button>
      )}
      {selected.length > 0 && (
        <Button size="small" type="link" onClick={() => onSelect([])}>
          {b('bulk.clear')}
        </Button>
      )}
      {dialog === 'pick' && <PickDialog query={query} onClose={() => setDialog(null)} onPick={(ids) => (add(ids), setDialog(null))} />}
      {(dialog === 'assign' || dialog === 'reassign') && (
        <BulkAssignDialog
          mode={dialog}
          measureIds={selected}
          commonDepartment={common}
          open
          onClose={() => setDialog(null)}
          onResult={(r) => finished(dialog, r)}
        />
      )}
      {dialog === 'lead' && (
        <SuggestedLeadDialog
          measureIds={selected}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
      {result && <BulkResultDialog mode={result.mode} result={result.result} onClose={() => setResult(null)} />}
    </Space>
  );
}

/** 批量办理结果: how many went through, and each failure by measure with the reason the command gave. */
export function BulkResultDialog({ mode, result, onClose }: { mode: 'assign' | 'reassign'; result: BulkResult; onClose(): void }) {
  const b = useBulkText();
  const { t } = useI18n();
  return (
    <Modal open title={`${mode === 'assign' ? b('bulk.assign') : b('bulk.reassign')} · ${b('bulk.resultTitle')}`} onCancel={onClose} onOk={onClose} okText={t('common.confirm')} cancelButtonProps={{ style: { display: 'none' } }}>
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="bulk-result">
        <Alert
          type={result.failed.length === 0 ? 'success' : result.succeeded.length === 0 ? 'error' : 'warning'}
          showIcon
          title={`${b('bulk.succeeded', { n: result.succeeded.length })}，${b('bulk.failed', { n: result.failed.length })}`}
        />
        {result.succeeded.length > 0 && (
          <Typography.Paragraph data-testid="bulk-succeeded" style={{ marginBottom: 0 }}>
            {result.succeeded.map((s) => s.measureId).join('、')}
          </Typography.Paragraph>
        )}
        {result.failed.length > 0 && (
          <ResponsiveTable
            data-testid="bulk-failed"
            size="small"
            rowKey="measureId"
            pagination={result.failed.length > 10 ? { pageSize: 10 } : false}
            dataSource={result.failed}
            columns={[
              { title: b('bulk.measure'), dataIndex: 'measureId', width: 140, render: (id: string) => <span data-failed-measure={id}>{id}</span> },
              { title: b('bulk.reason'), dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}

/** 按章节/处室选择: measures of a chapter or section, or owned by a department, from the plan's tree. */
function PickDialog({ query, onClose, onPick }: { query: MeasureFilters; onClose(): void; onPick(ids: string[]): void }) {
  const b = useBulkText();
  const { t } = useI18n();
  const user = useUser();
  const { departments } = useDirectory();
  const [years, setYears] = useState<number[]>([]);
  const [year, setYear] = useState<number | undefined>(query.year);
  const [tree, setTree] = useState<PlanTree>();
  const [node, setNode] = useState<string>();
  const [department, setDepartment] = useState<string | undefined>(user.role === 'department_head' ? user.departmentCode : undefined);
  const [error, setError] = useState<string>();

  useEffect(() => {
    listPlans().then(
      (plans) => {
        setYears(plans.map((p) => p.year));
        setYear((y) => y ?? plans[0]?.year);
      },
      (reason: Error) => setError(reason.message),
    );
  }, []);
  useEffect(() => {
    if (year === undefined) return;
    setTree(undefined);
    getPlanTree(year).then(setTree, (reason: Error) => setError(reason.message));
  }, [year]);

  const treeData = useMemo(
    () =>
      (tree?.chapters ?? []).map((c) => ({
        value: `c:${c.code}`,
        title: `${c.code}、${c.title}`,
        children: c.sections.map((s) => ({ value: `s:${s.code}`, title: `${s.code} ${s.title}` })),
      })),
    [tree],
  );

  const picked = useMemo(() => {
    if (!tree) return [];
    return tree.chapters.flatMap((c) =>
      c.sections.flatMap((s) =>
        s.measures.filter((m) => {
          if (node?.startsWith('c:') && c.code !== node.slice(2)) return false;
          if (node?.startsWith('s:') && s.code !== node.slice(2)) return false;
          if (department && (m.leadDepartment ?? m.suggestedDepartmentCode) !== department) return false;
          // Stay inside what the list shows (e.g. 待交办 = imported).
          if (query.status && m.state !== query.status) return false;
          if (query.assignee && m.assigneeId !== query.assignee) return false;
          if (query.department && m.leadDepartment !== query.department) return false;
          return true;
        }),
      ),
    );
  }, [tree, node, department, query.status, query.assignee, query.department]);

  return (
    <Modal
      open
      title={b('bulk.bySection')}
      okText={`${b('bulk.pick')}（${picked.length}）`}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: picked.length === 0 || (!node && !department) }}
      onCancel={onClose}
      onOk={() => onPick(picked.map((m) => m.id))}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label={b('bulk.year')}>
          <Select aria-label={b('bulk.year')} value={year} onChange={(y: number) => (setYear(y), setNode(undefined))} options={years.map((y) => ({ value: y, label: String(y) }))} />
        </Form.Item>
        <Form.Item label={b('bulk.chapterSection')}>
          <TreeSelect aria-label={b('bulk.chapterSection')} allowClear treeDefaultExpandAll value={node} onChange={(v?: string) => setNode(v)} treeData={treeData} loading={!tree && year !== undefined} />
        </Form.Item>
        <Form.Item label={b('bulk.department')}>
          <Select
            aria-label={b('bulk.department')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={department}
            onChange={(d?: string) => setDepartment(d)}
            options={departments.filter((d) => d.kind === 'business').map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Typography.Text type="secondary">{picked.length === 0 && tree ? b('bulk.nonePicked') : b('bulk.pickHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}

/** 设定建议牵头处室 (局领导, 系统管理员): the selected measures, per plan year, to one department. */
function SuggestedLeadDialog({ measureIds, onClose, onDone }: { measureIds: string[]; onClose(): void; onDone(): void }) {
  const b = useBulkText();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { departments } = useDirectory();
  const [department, setDepartment] = useState<string>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  const send = async () => {
    if (!department) return;
    setSending(true);
    setError(undefined);
    try {
      const byYear = new Map<number, string[]>();
      for (const id of measureIds) {
        const year = Number(id.slice(0, 4));
        byYear.set(year, [...(byYear.get(year) ?? []), id]);
      }
      for (const [year, ids] of byYear) await setSuggestedDepartments(year, { department, measureIds: ids });
      void message.success(b('bulk.setLeadDone'));
      onDone();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={b('bulk.setLeadTitle', { n: measureIds.length })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !department, loading: sending }}
      onCancel={onClose}
      onOk={() => void send()}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label={t('assign.lead')} extra={b('bulk.setLeadHint')}>
          <Select
            aria-label={t('assign.lead')}
            showSearch={{ optionFilterProp: 'label' }}
            value={department}
            onChange={setDepartment}
            options={departments.filter((d) => d.kind === 'business' && d.active).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
