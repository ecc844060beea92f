// 系统管理 · 人员管理 / 处室管理: people and departments administered in duban (create, edit,
// 停用/启用, 重置密码, 调整处室; new, rename, merge, split departments; import from CSV/XLSX with a
// dry run first). Every change is audited by the API; a change that revokes someone's sign-in
// shows the measures they still hold, for their head to reassign.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Tag, Typography, Upload } from 'antd';
import { ResponsiveTable } from '../ResponsiveTable';
import { useMemo, useState, type ReactNode } from 'react';
import {
  activatePerson,
  adminDepartments,
  adminUsers,
  createDepartment,
  createPerson,
  deactivatePerson,
  importPeople,
  mergeDepartment,
  movePerson,
  renameDepartment,
  resetPersonPassword,
  splitDepartment,
  updatePerson,
  type AdminDepartment,
  type AdminUser,
  type OpenMeasure,
  type PeopleImport,
} from '../../api/endpoints';
import { useI18n } from '../../lib/i18n';
import { roleLabel } from '../../lib/labels';
import type { MessageKey } from '../../lib/messages';
import { useRemote } from '../../lib/useRemote';
import { RemoteView } from '../RemoteView';

const ROLES = ['admin', 'leader', 'department_head', 'staff', 'supervisor'] as const;
const KINDS = ['business', 'leadership', 'discipline'] as const;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function useTx() {
  const { language } = useI18n();
  return (zh: string, en: string) => (language === 'en' ? en : zh);
}

/** What happened, shown once: a one-time password, or the open measures someone still holds. */
interface Outcome {
  title: string;
  password?: { username: string; password: string };
  passwords?: Array<{ username: string; password: string }>;
  openMeasures?: OpenMeasure[];
  note?: string;
}

function OutcomeModal({ outcome, onClose }: { outcome: Outcome | undefined; onClose(): void }) {
  const tx = useTx();
  return (
    <Modal open={Boolean(outcome)} title={outcome?.title} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
      {outcome && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="admin-outcome">
          {outcome.note && <Typography.Text>{outcome.note}</Typography.Text>}
          {outcome.password && (
            <Alert
              type="warning"
              showIcon
              title={tx('一次性密码（只显示这一次，请转交本人；首次登录须修改）', 'One-time password (shown once; the person must change it at first sign-in)')}
              description={
                <Space>
                  {outcome.password.username}
                  <Typography.Text code copyable data-testid="one-time-password">
                    {outcome.password.password}
                  </Typography.Text>
                </Space>
              }
            />
          )}
          {outcome.passwords && outcome.passwords.length > 0 && (
            <ResponsiveTable
              size="small"
              rowKey="username"
              pagination={false}
              data-testid="one-time-passwords"
              dataSource={outcome.passwords}
              columns={[
                { key: 'username', title: tx('用户名', 'Username'), dataIndex: 'username' },
                { key: 'password', title: tx('一次性密码', 'One-time password'), render: (_, r) => <Typography.Text code copyable>{r.password}</Typography.Text> },
              ]}
            />
          )}
          {outcome.openMeasures && <OpenMeasures measures={outcome.openMeasures} />}
        </Space>
      )}
    </Modal>
  );
}

function OpenMeasures({ measures }: { measures: OpenMeasure[] }) {
  const tx = useTx();
  if (!measures.length) return <Typography.Text type="secondary">{tx('名下没有未办结的事项。', 'No open measures.')}</Typography.Text>;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="open-measures"
      title={tx(`名下仍有 ${measures.length} 项未办结事项，请处室负责人改派：`, `${measures.length} open measures to reassign:`)}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {measures.map((m) => (
            <li key={`${m.assigneeId}-${m.measureId}`}>
              <a href={`#/measures/${m.measureId}`}>
                {m.year} · {m.code} {m.title}
              </a>
              （{m.assigneeId}）
            </li>
          ))}
        </ul>
      }
    />
  );
}

// ── 人员管理 ──

interface PersonForm {
  username: string;
  displayName: string;
  role: string;
  departmentCode: string;
  email?: string;
  mobile?: string;
  externalId?: string;
  password?: string;
}

export function PeopleTab() {
  const tx = useTx();
  const { language } = useI18n();
  const users = useRemote(adminUsers, []);
  const departments = useRemote(adminDepartments, []);
  const [query, setQuery] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<AdminUser | 'new'>();
  const [moving, setMoving] = useState<AdminUser>();
  const [resetting, setResetting] = useState<AdminUser>();
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<string>();
  const names = useMemo(() => new Map((departments.data ?? []).map((d) => [d.code, d.name])), [departments.data]);
  const activeDepartments = (departments.data ?? []).filter((d) => d.active).map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }));

  const run = async (work: () => Promise<Outcome | undefined>) => {
    setError(undefined);
    try {
      const result = await work();
      users.reload();
      departments.reload();
      if (result) setOutcome(result);
      return true;
    } catch (reason) {
      setError(errorText(reason));
      return false;
    }
  };

  const visible = (users.data ?? []).filter(
    (u) => (showInactive || u.active) && (!query || u.username.includes(query) || u.displayName.includes(query) || (names.get(u.departmentCode) ?? '').includes(query)),
  );

  return (
    <Card size="small" data-testid="people-admin">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button type="primary" onClick={() => setEditing('new')}>
            {tx('新增人员', 'Add a person')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {tx('导入人员和处室', 'Import people and departments')}
          </Button>
          <Input.Search allowClear placeholder={tx('按用户名、姓名或处室查找', 'Find by username, name or department')} onChange={(e) => setQuery(e.target.value.trim())} style={{ width: 280 }} />
          <Space>
            <Switch checked={showInactive} onChange={setShowInactive} aria-label={tx('显示已停用', 'Show deactivated')} />
            {tx('显示已停用', 'Show deactivated')}
          </Space>
        </Space>
        {error && <Alert type="error" showIcon closable title={error} data-testid="people-error" onClose={() => setError(undefined)} />}
        <RemoteView remote={users}>
          {() => (
            <ResponsiveTable<AdminUser>
              data-testid="users"
              rowKey="username"
              size="small"
              dataSource={visible}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
              onRow={(u) => ({ 'data-username': u.username }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: 'username', title: tx('用户名', 'Username'), dataIndex: 'username' },
                { key: 'displayName', title: tx('姓名', 'Name'), dataIndex: 'displayName' },
                { key: 'role', title: tx('角色', 'Role'), render: (_, u) => roleLabel(u.role, language) },
                { key: 'department', title: tx('所在处室', 'Department'), render: (_, u) => names.get(u.departmentCode) ?? u.departmentCode },
                { key: 'contact', title: tx('邮箱 / 手机', 'Email / mobile'), render: (_, u) => [u.email, u.mobile].filter(Boolean).join(' / ') || '—' },
                {
                  key: 'state',
                  title: tx('状态', 'State'),
                  render: (_, u) => (
                    <Space size={4}>
                      {u.active ? <Tag color="green">{tx('在岗', 'Active')}</Tag> : <Tag>{tx('已停用', 'Deactivated')}</Tag>}
                      {u.mustChangePassword && <Tag color="orange">{tx('待改密码', 'Must change password')}</Tag>}
                    </Space>
                  ),
                },
                {
                  key: 'actions',
                  title: tx('操作', 'Actions'),
                  render: (_, u) => (
                    <Space size={0} wrap>
                      <Button type="link" size="small" onClick={() => setEditing(u)}>
                        {tx('编辑', 'Edit')}
                      </Button>
                      <Button type="link" size="small" onClick={() => setMoving(u)}>
                        {tx('调整处室', 'Move')}
                      </Button>
                      <Button type="link" size="small" onClick={() => setResetting(u)}>
                        {tx('重置密码', 'Reset password')}
                      </Button>
                      {u.active ? (
                        <Popconfirm
                          title={tx(`停用 ${u.displayName}？其登录立即失效。`, `Deactivate ${u.displayName}? Their sign-in ends at once.`)}
                          okText={tx('停用', 'Deactivate')}
                          cancelText={tx('取消', 'Cancel')}
                          onConfirm={() =>
                            run(async () => {
                              const r = await deactivatePerson(u.username);
                              return { title: tx(`已停用 ${u.displayName}`, `${u.displayName} deactivated`), note: tx('其登录已立即失效。', 'Their sign-in has ended.'), openMeasures: r.openMeasures };
                            })
                          }
                        >
                          <Button type="link" size="small" danger>
                            {tx('停用', 'Deactivate')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button type="link" size="small" onClick={() => run(async () => void (await activatePerson(u.username)))}>
                          {tx('启用', 'Reactivate')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </RemoteView>
      </Space>

      <PersonDialog
        person={editing}
        departments={activeDepartments}
        onClose={() => setEditing(undefined)}
        onSubmit={(values) =>
          run(async () => {
            if (editing === 'new') {
              const r = await createPerson({ ...values, email: values.email || null, mobile: values.mobile || null, externalId: values.externalId?.trim() || null, password: values.password || undefined });
              return {
                title: tx(`已新增 ${r.user.displayName}`, `${r.user.displayName} added`),
                password: r.oneTimePassword ? { username: r.user.username, password: r.oneTimePassword } : undefined,
                note: r.oneTimePassword ? undefined : tx('已使用您设定的初始密码，首次登录须修改。', 'The password you gave must be changed at first sign-in.'),
              };
            }
            const before = editing!;
            const r = await updatePerson(before.username, {
              displayName: values.displayName,
              role: values.role !== before.role ? values.role : undefined,
              departmentCode: values.departmentCode !== before.departmentCode ? values.departmentCode : undefined,
              email: values.email || null,
              mobile: values.mobile || null,
              externalId: values.externalId?.trim() || null,
            });
            return r.tokensRevoked ? { title: tx(`已修改 ${r.user.displayName}`, `${r.user.displayName} changed`), note: tx('角色或处室已变，其登录已立即失效。', 'Role or department changed: their sign-in has ended.'), openMeasures: r.openMeasures } : undefined;
          }).then((done) => done && setEditing(undefined))
        }
      />

      <Modal open={Boolean(moving)} title={tx(`调整处室：${moving?.displayName ?? ''}`, `Move ${moving?.displayName ?? ''}`)} footer={null} onCancel={() => setMoving(undefined)} destroyOnHidden>
        <Form<{ departmentCode: string }>
          layout="vertical"
          initialValues={{ departmentCode: moving?.departmentCode }}
          onFinish={(values) =>
            run(async () => {
              const r = await movePerson(moving!.username, values.departmentCode);
              return { title: tx(`已调整 ${r.user.displayName} 的处室`, `${r.user.displayName} moved`), note: tx('其登录已立即失效，重新登录后按新处室办理。', 'Their sign-in has ended; they sign in again in the new department.'), openMeasures: r.openMeasures };
            }).then((done) => done && setMoving(undefined))
          }
        >
          <Form.Item name="departmentCode" label={tx('调入处室', 'New department')} rules={[{ required: true, message: tx('请选择处室', 'Choose a department') }]}>
            <Select showSearch optionFilterProp="label" options={activeDepartments} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {tx('确定调整', 'Move')}
          </Button>
        </Form>
      </Modal>

      <Modal open={Boolean(resetting)} title={tx(`重置密码：${resetting?.displayName ?? ''}`, `Reset the password of ${resetting?.displayName ?? ''}`)} footer={null} onCancel={() => setResetting(undefined)} destroyOnHidden>
        <Form<{ password?: string }>
          layout="vertical"
          onFinish={(values) =>
            run(async () => {
              const r = await resetPersonPassword(resetting!.username, values.password || undefined);
              return {
                title: tx(`已重置 ${r.user.displayName} 的密码`, `Password of ${r.user.displayName} reset`),
                password: r.oneTimePassword ? { username: r.user.username, password: r.oneTimePassword } : undefined,
                note: tx('其原有登录已失效，下次登录须设置新密码。', 'Their sign-in has ended; they must set a new password at next sign-in.'),
              };
            }).then((done) => done && setResetting(undefined))
          }
        >
          <Form.Item name="password" label={tx('新密码（留空则自动生成一次性密码）', 'New password (blank: generate a one-time one)')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {tx('重置密码', 'Reset password')}
          </Button>
        </Form>
      </Modal>

      <ImportDialog open={importing} onClose={() => setImporting(false)} onImported={(r) => {
        users.reload();
        departments.reload();
        setImporting(false);
        setOutcome({ title: tx('导入完成', 'Imported'), note: summary(r, tx), passwords: r.oneTimePasswords, openMeasures: r.openMeasures });
      }} />
      <OutcomeModal outcome={outcome} onClose={() => setOutcome(undefined)} />
    </Card>
  );
}

function PersonDialog({ person, departments, onClose, onSubmit }: { person: AdminUser | 'new' | undefined; departments: Array<{ value: string; label: string }>; onClose(): void; onSubmit(values: PersonForm): void }) {
  const tx = useTx();
  const { language } = useI18n();
  const isNew = person === 'new';
  const existing = person && person !== 'new' ? person : undefined;
  return (
    <Modal open={Boolean(person)} title={isNew ? tx('新增人员', 'Add a person') : tx(`编辑：${existing?.displayName ?? ''}`, `Edit ${existing?.displayName ?? ''}`)} footer={null} onCancel={onClose} destroyOnHidden>
      <Form<PersonForm>
        layout="vertical"
        initialValues={existing ? { ...existing, email: existing.email ?? '', mobile: existing.mobile ?? '', externalId: existing.externalId ?? '' } : { role: 'staff' }}
        onFinish={onSubmit}
      >
        <Form.Item name="username" label={tx('用户名', 'Username')} extra={isNew ? tx('小写字母开头，可含数字和 . _ -', 'Starts with a lower-case letter; digits and . _ - allowed') : undefined} rules={[{ required: true, whitespace: true, message: tx('请输入用户名', 'Enter a username') }]}>
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={tx('姓名', 'Name')} rules={[{ required: true, whitespace: true, message: tx('请输入姓名', 'Enter a name') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={tx('角色', 'Role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: roleLabel(r, language) }))} />
        </Form.Item>
        <Form.Item name="departmentCode" label={tx('所在处室', 'Department')} rules={[{ required: true, message: tx('请选择处室', 'Choose a department') }]}>
          <Select showSearch optionFilterProp="label" options={departments} />
        </Form.Item>
        <Form.Item name="email" label={tx('邮箱', 'Email')}>
          <Input />
        </Form.Item>
        <Form.Item name="mobile" label={tx('手机', 'Mobile')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="externalId"
          label={tx('统一身份标识', 'Unified identity ID')}
          extra={tx('统一身份认证平台中的工号或账号标识，用于单点登录时识别本人；可留空', 'The person’s employee number or ID at the identity provider, used by single sign-on; may be left empty')}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {isNew && (
          <Form.Item name="password" label={tx('初始密码（留空则自动生成一次性密码）', 'Initial password (blank: generate a one-time one)')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          {isNew ? tx('新增', 'Add') : tx('保存', 'Save')}
        </Button>
      </Form>
    </Modal>
  );
}

function summary(r: PeopleImport, tx: (zh: string, en: string) => string): string {
  return tx(
    `新增处室 ${r.departments.created.length} 个，更名 ${r.departments.renamed.length} 个；新增人员 ${r.people.created.length} 名，修改 ${r.people.updated.length} 名；未变化 ${r.unchanged} 条。`,
    `${r.departments.created.length} departments new, ${r.departments.renamed.length} renamed; ${r.people.created.length} people new, ${r.people.updated.length} changed; ${r.unchanged} unchanged.`,
  );
}

function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(result: PeopleImport): void }) {
  const tx = useTx();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<PeopleImport>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const check = async (chosen: File) => {
    setFile(chosen);
    setPreview(undefined);
    setError(undefined);
    setBusy(true);
    try {
      setPreview(await importPeople(chosen, true));
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await importPeople(file, false);
      setFile(undefined);
      setPreview(undefined);
      onImported(result);
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} width={760} title={tx('导入人员和处室', 'Import people and departments')} onCancel={onClose} footer={null} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="people-import">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {tx(
            'CSV 或 .xlsx 文件，第 1 行为表头。人员表列：用户名、姓名、角色、处室代码、邮箱、手机；处室表列：处室代码、处室名称、类型（业务处室 / 局领导 / 纪检监察）。Excel 文件可各放一个工作表。先检查全部问题，没有问题才能导入，导入要么全部成功要么一条不写。',
            'A CSV or .xlsx file with a header row. People: 用户名, 姓名, 角色, 处室代码, 邮箱, 手机; departments: 处室代码, 处室名称, 类型. A workbook may hold one sheet of each. Every problem is listed first; the import writes all or nothing.',
          )}
        </Typography.Paragraph>
        <Upload accept=".csv,.xlsx,text/csv" maxCount={1} showUploadList={false} beforeUpload={(chosen) => (void check(chosen), false)}>
          <Button icon={<UploadOutlined />} loading={busy && !preview}>
            {file ? tx(`重新选择（当前：${file.name}）`, `Choose another (now: ${file.name})`) : tx('选择文件并检查', 'Choose a file and check it')}
          </Button>
        </Upload>
        {error && <Alert type="error" showIcon title={tx('无法导入', 'Cannot import')} description={error} data-testid="people-import-error" />}
        {preview && preview.problems.length > 0 && (
          <>
            <Alert type="error" showIcon title={tx(`发现 ${preview.problems.length} 处问题，请修改文件后重新选择；未导入任何数据。`, `${preview.problems.length} problems: fix the file and choose it again; nothing was imported.`)} />
            <ResponsiveTable
              data-testid="people-import-problems"
              size="small"
              rowKey={(p) => `${p.sheet}-${p.row}-${p.reason}`}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={preview.problems}
              columns={[
                { key: 'sheet', title: tx('工作表', 'Sheet'), dataIndex: 'sheet' },
                { key: 'row', title: tx('行号', 'Row'), dataIndex: 'row', width: 70 },
                { key: 'reason', title: tx('问题', 'Problem'), dataIndex: 'reason' },
              ]}
            />
          </>
        )}
        {preview && preview.problems.length === 0 && (
          <>
            <Alert type="success" showIcon data-testid="people-import-preview" title={tx('检查通过，可以导入：', 'Checked, ready to import:')} description={summary(preview, tx)} />
            <Button type="primary" loading={busy} onClick={() => void apply()}>
              {tx('确认导入', 'Import')}
            </Button>
          </>
        )}
      </Space>
    </Modal>
  );
}

// ── 处室管理 ──

export function DepartmentsTab() {
  const tx = useTx();
  const { t } = useI18n();
  const departments = useRemote(adminDepartments, []);
  const users = useRemote(adminUsers, []);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<AdminDepartment>();
  const [merging, setMerging] = useState<AdminDepartment>();
  const [splitting, setSplitting] = useState<AdminDepartment>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<string>();
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  const kindLabel = (kind: string) => t(`admin.kind.${kind}` as MessageKey);

  const run = async (work: () => Promise<Outcome | undefined>, close: () => void) => {
    setError(undefined);
    try {
      const result = await work();
      departments.reload();
      users.reload();
      close();
      if (result) setOutcome(result);
    } catch (reason) {
      setError(errorText(reason));
    }
  };
  const dialog = (open: boolean, title: string, onClose: () => void, body: ReactNode) => (
    <Modal open={open} title={title} footer={null} onCancel={onClose} destroyOnHidden>
      {error && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={error} data-testid="department-error" />}
      {body}
    </Modal>
  );

  return (
    <Card size="small" data-testid="departments-admin">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" onClick={() => (setError(undefined), setCreating(true))}>
          {tx('新增处室', 'Add a department')}
        </Button>
        <RemoteView remote={departments}>
          {(list) => (
            <ResponsiveTable<AdminDepartment>
              data-testid="departments"
              rowKey="code"
              size="small"
              dataSource={list}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              onRow={(d) => ({ 'data-code': d.code }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: 'code', title: tx('代码', 'Code'), dataIndex: 'code' },
                { key: 'name', title: tx('名称', 'Name'), dataIndex: 'name' },
                { key: 'kind', title: tx('类型', 'Kind'), render: (_, d) => kindLabel(d.kind) },
                { key: 'people', title: tx('在岗人数', 'People'), render: (_, d) => `${d.activePeople}${d.people > d.activePeople ? tx(`（另有停用 ${d.people - d.activePeople}）`, ` (+${d.people - d.activePeople} deactivated)`) : ''}` },
                {
                  key: 'state',
                  title: tx('状态', 'State'),
                  render: (_, d) => (d.active ? <Tag color="green">{tx('在用', 'Active')}</Tag> : <Tag>{tx(`已并入${names.get(d.mergedInto ?? '') ?? d.mergedInto ?? ''}`, `Merged into ${d.mergedInto ?? ''}`)}</Tag>),
                },
                {
                  key: 'actions',
                  title: tx('操作', 'Actions'),
                  render: (_, d) =>
                    d.active && (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => (setError(undefined), setRenaming(d))}>
                          {tx('重命名', 'Rename')}
                        </Button>
                        <Button type="link" size="small" onClick={() => (setError(undefined), setMerging(d))}>
                          {tx('合并到…', 'Merge into…')}
                        </Button>
                        <Button type="link" size="small" onClick={() => (setError(undefined), setSplitting(d))}>
                          {tx('拆分…', 'Split…')}
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
          )}
        </RemoteView>
      </Space>

      {dialog(creating, tx('新增处室', 'Add a department'), () => setCreating(false),
        <Form<{ code: string; name: string; kind: string }>
          layout="vertical"
          initialValues={{ kind: 'business' }}
          onFinish={(values) => run(async () => void (await createDepartment(values)), () => setCreating(false))}
        >
          <Form.Item name="code" label={tx('处室代码', 'Code')} extra={tx('小写字母开头，可含数字和 _ -', 'Starts with a lower-case letter; digits and _ - allowed')} rules={[{ required: true, whitespace: true, message: tx('请输入处室代码', 'Enter a code') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={tx('处室名称', 'Name')} rules={[{ required: true, whitespace: true, message: tx('请输入处室名称', 'Enter a name') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={tx('类型', 'Kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {tx('新增', 'Add')}
          </Button>
        </Form>,
      )}

      {dialog(Boolean(renaming), tx(`重命名：${renaming?.name ?? ''}`, `Rename ${renaming?.name ?? ''}`), () => setRenaming(undefined),
        <Form<{ name: string }> layout="vertical" initialValues={{ name: renaming?.name }} onFinish={(values) => run(async () => void (await renameDepartment(renaming!.code, values.name)), () => setRenaming(undefined))}>
          <Form.Item name="name" label={tx('新名称', 'New name')} rules={[{ required: true, whitespace: true, message: tx('请输入处室名称', 'Enter a name') }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {tx('保存', 'Save')}
          </Button>
        </Form>,
      )}

      {dialog(Boolean(merging), tx(`合并：${merging?.name ?? ''}`, `Merge ${merging?.name ?? ''}`), () => setMerging(undefined),
        <Form<{ into: string }>
          layout="vertical"
          onFinish={(values) =>
            run(async () => {
              const r = await mergeDepartment(merging!.code, values.into);
              return {
                title: tx(`「${r.source.name}」已并入「${r.target.name}」`, `${r.source.name} merged into ${r.target.name}`),
                note: tx(`调入 ${r.movedPeople.length} 人（其登录已失效），${r.movedMeasures.length} 项事项的建议牵头处室随之调整；原处室已停用。`, `${r.movedPeople.length} people moved (signed out), ${r.movedMeasures.length} measures' suggested department moved; the old department is inactive.`),
                openMeasures: r.openMeasures,
              };
            }, () => setMerging(undefined))
          }
        >
          <Typography.Paragraph type="secondary">{tx('该处室的全部人员和建议牵头事项将移入目标处室，原处室停用（保留历史记录）。', 'Everyone and the suggested measures move to the target; this department becomes inactive (history kept).')}</Typography.Paragraph>
          <Form.Item name="into" label={tx('并入处室', 'Merge into')} rules={[{ required: true, message: tx('请选择处室', 'Choose a department') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(departments.data ?? []).filter((d) => d.active && d.code !== merging?.code && d.kind === merging?.kind).map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
            />
          </Form.Item>
          <Button type="primary" danger htmlType="submit">
            {tx('确定合并', 'Merge')}
          </Button>
        </Form>,
      )}

      {dialog(Boolean(splitting), tx(`拆分：${splitting?.name ?? ''}`, `Split ${splitting?.name ?? ''}`), () => setSplitting(undefined),
        <Form<{ code: string; name: string; people: string[] }>
          layout="vertical"
          onFinish={(values) =>
            run(async () => {
              const r = await splitDepartment(splitting!.code, values);
              return {
                title: tx(`已新设「${r.department.name}」`, `${r.department.name} created`),
                note: tx(`调入 ${r.movedPeople.length} 人（其登录已失效）。`, `${r.movedPeople.length} people moved (signed out).`),
                openMeasures: r.openMeasures,
              };
            }, () => setSplitting(undefined))
          }
        >
          <Form.Item name="code" label={tx('新处室代码', 'New code')} rules={[{ required: true, whitespace: true, message: tx('请输入处室代码', 'Enter a code') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={tx('新处室名称', 'New name')} rules={[{ required: true, whitespace: true, message: tx('请输入处室名称', 'Enter a name') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="people" label={tx('调入新处室的人员', 'People who move')} rules={[{ required: true, message: tx('请至少选择一人', 'Choose at least one') }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(users.data ?? []).filter((u) => u.departmentCode === splitting?.code).map((u) => ({ value: u.username, label: `${u.displayName}（${u.username}）` }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {tx('确定拆分', 'Split')}
          </Button>
        </Form>,
      )}
      <OutcomeModal outcome={outcome} onClose={() => setOutcome(undefined)} />
    </Card>
  );
}
