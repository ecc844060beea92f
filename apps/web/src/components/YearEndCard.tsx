// 年终结转 of a plan (局领导, 系统管理员): a confirmation listing every unfinished measure that will
// continue in next year's plan, the outcome per measure (carried, skipped, failed and why), and the
// 完成情况 report frozen at the carry-over, per chapter and department, with its XLSX download.
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CARRY_OVER_REASON_MAX, isCarryable, type Role } from '@duban/domain';
import { getPlanTree } from '../api/endpoints';
import { carryOverPlan, downloadCompletionReport, getCompletionReport, type CarryOverResult, type CompletionLine, type CompletionReport } from '../api/planYear';
import { beijingDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { useRemote } from '../lib/useRemote';
import { RemoteView } from './RemoteView';
import { StateTag } from './StatusTags';

const CARRIERS: Role[] = ['leader', 'admin'];
const REPORT_READERS: Role[] = ['leader', 'department_head', 'supervisor', 'admin'];

export function YearEndCard({ year }: { year: number }) {
  const { language } = useI18n();
  const L = (zh: string, en: string) => (language === 'en' ? en : zh);
  const user = useUser();
  const { message } = App.useApp();
  const canCarry = CARRIERS.includes(user.role);
  const tree = useRemote(() => getPlanTree(year), [year]);
  const report = useRemote(() => (REPORT_READERS.includes(user.role) ? getCompletionReport(year) : Promise.resolve(null)), [year, user.role]);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CarryOverResult>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ toYear: number; reason: string }>();

  const unfinished = (tree.data?.chapters ?? []).flatMap((c) => c.sections.flatMap((s) => s.measures)).filter((m) => isCarryable(m.state));

  const carry = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const done = await carryOverPlan(year, { toYear: values.toYear, reason: values.reason.trim() });
      setResult(done);
      setOpen(false);
      void message.success(L(`已结转 ${done.carried.length} 个事项至 ${done.toYear} 年`, `${done.carried.length} measures carried into ${done.toYear}`));
      tree.reload();
      report.reload();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {canCarry && (
        <Card size="small" title={L(`${year} 年年终结转`, `Year end of ${year}`)} data-testid="year-end">
          <Typography.Paragraph type="secondary">
            {L(
              '把本年度未完成的事项（待交办及办理中）结转到下一年度工作要点：下一年度已有同名事项的，接续该事项；没有的，追加到「上年结转事项」一章。原事项状态变为「已结转」，两边互相链接，办理记录均可查看。结转时冻结本年度完成情况报告。',
              'Unfinished measures continue in next year’s plan (in a measure of the same title, or appended under 「上年结转事项」); the old ones end “carried over”, linked both ways. The completion report is frozen at that moment.',
            )}
          </Typography.Paragraph>
          <Button
            type="primary"
            danger
            data-testid="year-end-open"
            disabled={tree.loading}
            onClick={() => {
              form.setFieldsValue({ toYear: year + 1, reason: '' });
              setError(undefined);
              setOpen(true);
            }}
          >
            {L('年终结转', 'Carry over')}
          </Button>
          {result && <CarryOverOutcome result={result} />}
        </Card>
      )}
      <Modal
        open={open}
        title={L(`确认将 ${year} 年未完成事项结转`, `Carry over the unfinished measures of ${year}`)}
        okText={L('确认结转', 'Carry over')}
        okButtonProps={{ danger: true, loading: busy, disabled: unfinished.length === 0, ...({ 'data-testid': 'year-end-confirm' } as Record<`data-${string}`, string>) }}
        cancelText={L('取消', 'Cancel')}
        onOk={() => void carry()}
        onCancel={() => setOpen(false)}
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Space align="start" wrap>
            <Form.Item name="toYear" label={L('结转至年度', 'Into the plan of')} rules={[{ required: true, message: L('请填写结转年度', 'Required') }]}>
              <InputNumber min={year + 1} max={2100} precision={0} style={{ width: 140 }} aria-label={L('结转至年度', 'Into the plan of')} />
            </Form.Item>
          </Space>
          <Form.Item name="reason" label={L('结转理由', 'Reason')} rules={[{ required: true, whitespace: true, message: L('年终结转必须说明理由', 'A reason is required') }]}>
            <Input.TextArea rows={2} maxLength={CARRY_OVER_REASON_MAX} aria-label={L('结转理由', 'Reason')} />
          </Form.Item>
        </Form>
        <Typography.Text strong>{L(`将结转以下 ${unfinished.length} 个事项：`, `${unfinished.length} measures will be carried over:`)}</Typography.Text>
        <List
          data-testid="year-end-list"
          size="small"
          style={{ maxHeight: 320, overflow: 'auto', marginTop: 8 }}
          dataSource={unfinished}
          locale={{ emptyText: L('没有未完成的事项', 'Nothing unfinished') }}
          renderItem={(m) => (
            <List.Item data-measure-id={m.id}>
              <Space>
                <Typography.Text code>{m.id}</Typography.Text>
                <span>{m.title}</span>
                <StateTag state={m.state} />
              </Space>
            </List.Item>
          )}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="year-end-error" />}
      </Modal>
      {REPORT_READERS.includes(user.role) && (
        <RemoteView remote={report}>
          {(view) =>
            view?.report ? (
              <CompletionReportCard report={view.report} />
            ) : (
              <Card size="small" title={L('完成情况报告', 'Completion report')}>
                <Typography.Text type="secondary">{L('本年度尚未年终结转，完成情况报告在结转时冻结生成。', 'Taken and frozen at the year-end carry-over.')}</Typography.Text>
              </Card>
            )
          }
        </RemoteView>
      )}
    </Space>
  );
}

function CarryOverOutcome({ result }: { result: CarryOverResult }) {
  const { language } = useI18n();
  const L = (zh: string, en: string) => (language === 'en' ? en : zh);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="year-end-result">
      {result.createdPlan && <Alert type="info" showIcon title={L(`已新建 ${result.toYear} 年工作要点（结转）`, `Created the ${result.toYear} plan`)} />}
      <Typography.Text>
        {L(`已结转 ${result.carried.length} 个，跳过 ${result.skipped.length} 个，失败 ${result.failed.length} 个`, `${result.carried.length} carried, ${result.skipped.length} skipped, ${result.failed.length} failed`)}
      </Typography.Text>
      {result.carried.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={result.carried}
          renderItem={(c) => (
            <List.Item data-carried={c.measureId}>
              <Link to={`/measures/${c.measureId}`}>{c.measureId}</Link> → <Link to={`/measures/${c.successorId}`}>{c.successorId}</Link> {c.title}{' '}
              <Tag>{c.linked ? L('接续同名事项', 'continues a same-title measure') : L('追加至上年结转事项', 'appended')}</Tag>
            </List.Item>
          )}
        />
      )}
      {result.failed.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={L('以下事项未结转', 'Not carried over')}
          description={
            <ul style={{ margin: 0 }}>
              {result.failed.map((f) => (
                <li key={f.measureId}>
                  {f.measureId} {f.title ?? ''}：{f.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}

function CompletionReportCard({ report }: { report: CompletionReport }) {
  const { language } = useI18n();
  const L = (zh: string, en: string) => (language === 'en' ? en : zh);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const columns = (first: string) => [
    { key: 'name', title: first, render: (_: unknown, r: CompletionLine) => (r.code && first === L('章节', 'Chapter') ? `${r.code} ${r.name}` : r.name) },
    { key: 'total', title: L('事项', 'Total'), dataIndex: 'total' },
    { key: 'completed', title: L('已办结', 'Completed'), dataIndex: 'completed' },
    { key: 'carriedOver', title: L('已结转', 'Carried over'), dataIndex: 'carriedOver' },
    { key: 'cancelled', title: L('已撤销', 'Cancelled'), dataIndex: 'cancelled' },
    { key: 'unfinished', title: L('未完成', 'Unfinished'), dataIndex: 'unfinished' },
    { key: 'rate', title: L('办结率', 'Completion'), render: (_: unknown, r: CompletionLine) => `${r.completionRate}%` },
  ];
  const download = async () => {
    setBusy(true);
    try {
      void message.success(L(`已下载 ${await downloadCompletionReport(report.year)}`, 'Downloaded'));
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      data-testid="completion-report"
      title={L(`${report.year} 年完成情况（年终结转时冻结）`, `Completion of ${report.year} (frozen at year end)`)}
      extra={
        <Button onClick={() => void download()} loading={busy} data-testid="completion-report-download">
          {L('下载 Excel', 'Download XLSX')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {L(
          `冻结于 ${beijingDateTime(report.takenAt)}（${report.takenBy}），结转至 ${report.toYear} 年。共 ${report.summary.total} 项，已办结 ${report.summary.completed} 项，已结转 ${report.summary.carriedOver} 项，办结率 ${report.summary.completionRate}%。`,
          `Frozen ${beijingDateTime(report.takenAt)} by ${report.takenBy}, carried into ${report.toYear}: ${report.summary.total} measures, ${report.summary.completed} completed, ${report.summary.carriedOver} carried over (${report.summary.completionRate}%).`,
        )}
      </Typography.Paragraph>
      <Typography.Title level={5}>{L('按章节', 'By chapter')}</Typography.Title>
      <ResponsiveTable<CompletionLine> data-testid="completion-chapters" rowKey={(r) => String(r.code)} size="small" pagination={false} dataSource={report.chapters} columns={columns(L('章节', 'Chapter'))} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {L('按处室', 'By department')}
      </Typography.Title>
      <ResponsiveTable<CompletionLine>
        data-testid="completion-departments"
        rowKey={(r) => String(r.code)}
        size="small"
        pagination={false}
        dataSource={report.departments}
        columns={columns(L('处室', 'Department'))}
      />
    </Card>
  );
}
