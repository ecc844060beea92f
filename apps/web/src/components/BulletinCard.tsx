// 督办通报 issues of a plan year: 期号, 文号, month, 草稿 / 已签发; 起草 (supervisors, admins, leaders),
// 修改正文 while a draft, 签发 (局领导 only), DOCX / PDF downloads (a draft's carry the 草稿 watermark),
// and the year's 文号 prefix and issuing unit (局领导, 系统管理员).
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Role } from '@duban/domain';
import { BULLETIN_SUMMARY_MAX, bulletinSummaryProblem, bulletinPrefixProblem } from '@duban/domain';
import {
  downloadBulletinDocument,
  draftBulletin,
  editBulletinSummary,
  getBulletinSettings,
  listBulletins,
  saveBulletinSettings,
  signBulletin,
  type Bulletin,
} from '../api/bulletins';
import { currentMonth } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { useRemote } from '../lib/useRemote';

const DRAFTERS: Role[] = ['supervisor', 'admin', 'leader'];
const SIGNERS: Role[] = ['leader'];
const SETTERS: Role[] = ['leader', 'admin'];

export function BulletinCard({ year }: { year: number }) {
  const { language } = useI18n();
  const L = (zh: string, en: string) => (language === 'en' ? en : zh);
  const user = useUser();
  const { message } = App.useApp();
  const list = useRemote(() => listBulletins(year), [year]);
  const settings = useRemote(() => getBulletinSettings(year), [year]);
  const [month, setMonth] = useState(currentMonth());
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<Bulletin | null>(null);
  const [summary, setSummary] = useState('');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [form] = Form.useForm<{ prefix: string; issuer: string }>();
  const canDraft = DRAFTERS.includes(user.role);
  const canSign = SIGNERS.includes(user.role);
  const canSet = SETTERS.includes(user.role);

  const run = async (key: string, action: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      await action();
      if (done) void message.success(done);
      list.reload();
      settings.reload();
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(null);
    }
  };

  const monthLabel = (m: string) => {
    const [y, mm] = m.split('-').map(Number);
    return language === 'en' ? `${m}` : `${y}年${mm}月`;
  };

  const columns = [
    { title: L('期号', 'Issue'), dataIndex: 'issueLabel', key: 'issue', render: (v: string, b: Bulletin) => (language === 'en' ? `No. ${b.issue}` : v) },
    { title: L('文号', 'Document No.'), dataIndex: 'documentNumber', key: 'documentNumber' },
    { title: L('月份', 'Month'), dataIndex: 'month', key: 'month', render: (m: string) => monthLabel(m) },
    {
      title: L('状态', 'Status'),
      key: 'status',
      render: (_: unknown, b: Bulletin) =>
        b.status === 'signed' ? (
          <Space orientation="vertical" size={0}>
            <Tag color="green">{L('已签发', 'Signed')}</Tag>
            <Typography.Text type="secondary">
              {b.signedByName ?? b.signedBy} · {b.signedOn}
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="orange">{L('草稿', 'Draft')}</Tag>
        ),
    },
    {
      title: L('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, b: Bulletin) => (
        <Space wrap>
          <Button size="small" loading={busy === `docx-${b.id}`} onClick={() => run(`docx-${b.id}`, () => downloadBulletinDocument(b, 'docx'))}>
            Word
          </Button>
          <Button size="small" loading={busy === `pdf-${b.id}`} onClick={() => run(`pdf-${b.id}`, () => downloadBulletinDocument(b, 'pdf'))}>
            PDF
          </Button>
          {b.status === 'draft' && canDraft && (
            <Button
              size="small"
              onClick={() => {
                setEditing(b);
                setSummary(b.summary);
              }}
            >
              {L('修改正文', 'Edit text')}
            </Button>
          )}
          {b.status === 'draft' && canSign && (
            <Popconfirm
              title={L(`签发${b.issueLabel}督办通报？签发后不能再修改。`, `Sign issue ${b.issue}? It cannot be changed afterwards.`)}
              okText={L('签发', 'Sign')}
              cancelText={L('取消', 'Cancel')}
              onConfirm={() => run(`sign-${b.id}`, () => signBulletin(b.id), L('已签发', 'Signed'))}
            >
              <Button size="small" type="primary" loading={busy === `sign-${b.id}`}>
                {L('签发', 'Sign')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const summaryProblem = editing ? bulletinSummaryProblem(summary) : undefined;

  return (
    <Card size="small" title={L('督办通报（期号 / 文号 / 签发）', 'Supervision bulletins (issue, number, signing)')} data-testid="bulletin-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {L(
            '起草时冻结所选月份的统计数据并自动生成通报正文，按年度依次编为第N期；草稿可修改正文，下载的文件带“草稿”水印；局领导签发后成为定稿，不能再修改。',
            'A draft freezes the month’s figures and writes the summary; issues are numbered per plan year. Drafts can be edited and are watermarked; once a bureau leader signs, the issue is final.',
          )}
        </Typography.Paragraph>
        {settings.data && (
          <Typography.Text>
            {L('下一期：', 'Next: ')}
            {language === 'en' ? `No. ${settings.data.nextIssue}` : `第${settings.data.nextIssue}期`} · {settings.data.nextDocumentNumber} · {settings.data.issuer}
            {canSet && (
              <Button
                type="link"
                size="small"
                onClick={() => {
                  form.setFieldsValue({ prefix: settings.data!.prefix, issuer: settings.data!.issuer });
                  setSettingsOpen(true);
                }}
              >
                {L('设置文号', 'Numbering settings')}
              </Button>
            )}
          </Typography.Text>
        )}
        {canDraft && (
          <Space wrap>
            <DatePicker picker="month" format="YYYY-MM" value={dayjs(`${month}-01`)} allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={L('通报月份', 'Bulletin month')} />
            <Button type="primary" loading={busy === 'draft'} onClick={() => run('draft', () => draftBulletin(year, month), L('已起草', 'Drafted'))}>
              {L('起草通报', 'Draft bulletin')}
            </Button>
          </Space>
        )}
        {list.error && <Alert type="error" showIcon title={list.error} />}
        <Table<Bulletin> size="small" rowKey="id" loading={list.loading} dataSource={list.data?.bulletins ?? []} columns={columns} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: L('本年度尚无督办通报', 'No bulletins this year') }} />
      </Space>

      <Modal
        open={editing !== null}
        title={editing ? L(`修改${editing.issueLabel}正文`, `Edit the text of issue ${editing.issue}`) : ''}
        okText={L('保存', 'Save')}
        cancelText={L('取消', 'Cancel')}
        okButtonProps={{ disabled: summaryProblem !== undefined, loading: busy === 'edit' }}
        onCancel={() => setEditing(null)}
        onOk={() => editing && run('edit', () => editBulletinSummary(editing.id, summary), L('已保存', 'Saved')).then(() => setEditing(null))}
        width={720}
      >
        <Typography.Paragraph type="secondary">{L('每段一行；保存后记入审计日志。', 'One paragraph per line; each save is audited.')}</Typography.Paragraph>
        <Input.TextArea value={summary} onChange={(e) => setSummary(e.target.value)} autoSize={{ minRows: 8, maxRows: 20 }} maxLength={BULLETIN_SUMMARY_MAX} showCount aria-label={L('通报正文', 'Bulletin text')} />
        {summaryProblem && <Typography.Text type="danger">{summaryProblem}</Typography.Text>}
      </Modal>

      <Modal
        open={settingsOpen}
        title={L(`${year}年度文号设置`, `${year} numbering`)}
        okText={L('保存', 'Save')}
        cancelText={L('取消', 'Cancel')}
        okButtonProps={{ loading: busy === 'settings' }}
        onCancel={() => setSettingsOpen(false)}
        onOk={() =>
          form.validateFields().then((v) => run('settings', () => saveBulletinSettings(year, v.prefix, v.issuer), L('已保存', 'Saved')).then(() => setSettingsOpen(false)))
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="prefix"
            label={L('文号前缀（如“青环督”，生成“青环督〔年份〕N号”）', 'Prefix (e.g. 青环督 gives 青环督〔year〕N号)')}
            rules={[{ validator: (_, v) => (bulletinPrefixProblem(v) ? Promise.reject(new Error(bulletinPrefixProblem(v))) : Promise.resolve()) }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="issuer" label={L('发文机关', 'Issuing unit')} rules={[{ required: true, whitespace: true, message: L('请填写发文机关名称', 'Enter the issuing unit') }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
