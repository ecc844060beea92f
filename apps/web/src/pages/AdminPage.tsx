// 系统管理 (admin): import a year's 工作要点 document (with the import report), load a year's official
// holidays; 人员管理 and 处室管理 (components/people/PeopleAdmin).
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Tabs, Tag, Typography, Upload } from 'antd';
import { ResponsiveTable } from '../components/ResponsiveTable';
import { useState, type HTMLAttributes } from 'react';
import { calendarCoverage, importPlan, loadOfficialYear } from '../api/endpoints';
import { refreshOfficialCalendar } from '../lib/officialCalendar';
import type { CalendarYear, OfficialYearSaved, PlanImportResult } from '../api/types';
import { LeaderDepartmentsCard } from '../components/LeaderDepartmentsCard';
import { PlanPreview } from '../components/PlanPreview';
import { DepartmentsTab, PeopleTab } from '../components/people/PeopleAdmin';
import { ChannelsTab } from '../components/delivery/ChannelsTab';
import { DeliveriesTab } from '../components/delivery/DeliveriesTab';
import { RemoteView } from '../components/RemoteView';
import { PlanSettings } from './PlanSettingsPage';
import { beijingDateTime, beijingYear } from '../lib/format';
import { useI18n } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { useRemote } from '../lib/useRemote';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function PlanImportCard() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PlanImportResult>();
  const [error, setError] = useState<string>();

  const upload = async (file: File) => {
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      setReport(await importPlan(file));
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('admin.import')} data-testid="plan-import">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('admin.importHint')}</Typography.Text>
        <Upload
          accept=".docx,.pdf,.xlsx,.html,.htm,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/html,text/plain"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy}>
            {busy ? t('admin.importing') : t('admin.chooseFile')}
          </Button>
        </Upload>
        {error && <Alert type="error" showIcon title={t('admin.importFailed')} description={error} data-testid="plan-import-error" />}
        {report && <ImportReport report={report} />}
      </Space>
    </Card>
  );
}

/** What an import did (created, updated, missing, …): after a direct import and after a reviewed one. */
function ImportReport({ report, testId = 'plan-import-report' }: { report: PlanImportResult; testId?: string }) {
  const { t } = useI18n();
  const codes = (items: Array<{ code: string }>) => (items.length ? items.map((i) => i.code).join('、') : '—');
  return (
    <Descriptions
      data-testid={testId}
      bordered
      size="small"
      column={1}
      title={
        <Space>
          {t('admin.report', { year: report.year })}
          {report.createdPlan && <Tag color="green">{t('admin.createdPlan')}</Tag>}
        </Space>
      }
      items={[
        { key: 'title', label: t('admin.documentTitle'), children: report.title },
        {
          key: 'counts',
          label: t('admin.measures'),
          children: t('admin.counts', report.counts),
        },
        { key: 'created', label: t('admin.created'), children: <span data-count="created">{report.created.length}</span> },
        { key: 'updated', label: t('admin.updated'), children: <span data-count="updated">{report.updated.length}</span> },
        { key: 'missing', label: t('admin.missing'), children: <span data-count="missing">{report.missing.length}</span> },
        { key: 'unchanged', label: t('admin.unchanged'), children: <span data-count="unchanged">{report.unchanged}</span> },
        { key: 'workflows', label: t('admin.workflows'), children: <span data-count="workflows">{report.workflows}</span> },
        ...(report.updated.length ? [{ key: 'updatedCodes', label: `${t('admin.updated')} · ${t('admin.codes')}`, children: codes(report.updated) }] : []),
        ...(report.missing.length ? [{ key: 'missingCodes', label: `${t('admin.missing')} · ${t('admin.codes')}`, children: codes(report.missing) }] : []),
      ]}
    />
  );
}

/** 预览后导入: the parsed plan shown and corrected before anything is stored (components/PlanPreview). */
function PlanPreviewCard() {
  const { language } = useI18n();
  const [report, setReport] = useState<PlanImportResult>();
  return (
    <Card size="small" title={language === 'en' ? 'Preview, correct, then import' : '预览并修改后导入'} data-testid="plan-preview-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <PlanPreview onImported={setReport} />
        {report && <ImportReport report={report} testId="plan-preview-report" />}
      </Space>
    </Card>
  );
}

const dates = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,，、;；]+/)
    .map((d) => d.trim())
    .filter(Boolean);

interface CalendarForm {
  year: number;
  holidays: string;
  workdays?: string;
}

function CalendarCard() {
  const { t } = useI18n();
  const coverage = useRemote(calendarCoverage, []);
  const [form] = Form.useForm<CalendarForm>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<OfficialYearSaved>();
  const [error, setError] = useState<string>();

  const submit = async (values: CalendarForm) => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      setSaved(await loadOfficialYear(values.year, { holidays: dates(values.holidays), workdays: dates(values.workdays) }));
      await refreshOfficialCalendar().catch(() => undefined); // saved either way; counts catch up on reload
      coverage.reload();
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setBusy(false);
    }
  };

  const SOURCE_COLOR: Record<CalendarYear['source'], string> = { official: 'green', bundled: 'blue', none: 'default' };

  return (
    <Card size="small" title={t('admin.calendar')} data-testid="calendar-admin">
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Typography.Paragraph type="secondary">{t('admin.calendarHint')}</Typography.Paragraph>
          <Form<CalendarForm> form={form} layout="vertical" onFinish={submit} initialValues={{ year: beijingYear() + 1 }}>
            <Form.Item name="year" label={t('admin.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="holidays" label={t('admin.holidays')} rules={[{ required: true, whitespace: true, message: t('admin.holidaysRequired') }]}>
              <Input.TextArea rows={6} placeholder={'2027-01-01\n2027-02-06'} />
            </Form.Item>
            <Form.Item name="workdays" label={t('admin.workdays')}>
              <Input.TextArea rows={3} placeholder="2027-02-14" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('admin.loadYear')}
            </Button>
          </Form>
          {saved && (
            <Alert style={{ marginTop: 16 }} type="success" showIcon data-testid="calendar-saved" title={t('admin.loaded', { ...saved })} />
          )}
          {error && <Alert style={{ marginTop: 16 }} type="error" showIcon data-testid="calendar-error" title={t('admin.loadFailed')} description={error} />}
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('admin.coverage')}</Typography.Title>
          <RemoteView remote={coverage}>
            {(years) => (
              <ResponsiveTable<CalendarYear>
                data-testid="calendar-coverage"
                rowKey="year"
                size="small"
                pagination={false}
                dataSource={years}
                onRow={(row) => ({ 'data-year': row.year, 'data-source': row.source }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { key: 'year', title: t('admin.year'), dataIndex: 'year' },
                  {
                    key: 'source',
                    title: t('admin.source'),
                    render: (_, row) => <Tag color={SOURCE_COLOR[row.source]}>{t(`admin.source.${row.source}` as MessageKey)}</Tag>,
                  },
                  { key: 'holidays', title: t('admin.holidays'), dataIndex: 'holidays' },
                  { key: 'workdays', title: t('admin.workdays'), dataIndex: 'workdays' },
                  {
                    key: 'loaded',
                    title: `${t('admin.loadedBy')} / ${t('admin.loadedAt')}`,
                    render: (_, row) => (row.loadedBy ? `${row.loadedBy} · ${row.loadedAt ? beijingDateTime(row.loadedAt) : ''}` : '—'),
                  },
                ]}
              />
            )}
          </RemoteView>
        </Col>
      </Row>
    </Card>
  );
}

export function AdminPage() {
  const { t, language } = useI18n();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('admin.title')}
      </Typography.Title>
      <Tabs
        defaultActiveKey="plans"
        items={[
          {
            key: 'plans',
            label: language === 'en' ? 'Plans & holidays' : '工作要点与节假日',
            children: (
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                <PlanImportCard />
                <PlanPreviewCard />
                <CalendarCard />
              </Space>
            ),
          },
          { key: 'plan-settings', label: language === 'en' ? 'Escalation rules & year end' : '督办规则与年终结转', children: <PlanSettings /> },
          { key: 'people', label: language === 'en' ? 'People' : '人员管理', children: <PeopleTab /> },
          { key: 'departments', label: language === 'en' ? 'Departments' : '处室管理', children: <DepartmentsTab /> },
          { key: 'leaders', label: language === 'en' ? 'Leaders’ departments' : '分管领导', children: <LeaderDepartmentsCard /> },
          { key: 'channels', label: t('delivery.tab.channels'), children: <ChannelsTab /> },
          { key: 'deliveries', label: t('delivery.tab.log'), children: <DeliveriesTab /> },
        ]}
      />
    </Space>
  );
}
