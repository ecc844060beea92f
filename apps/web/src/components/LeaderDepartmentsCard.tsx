// 分管领导 (admin): the business departments each bureau leader oversees; their cockpit and 全部事项
// start there. One row per leader, saved on its own (PUT /leaders/:username/departments, audited).
import { App, Button, Card, Select, Space, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useEffect, useState } from 'react';
import { adminDepartments, adminUsers, leaderDepartments, setLeaderDepartments, type AdminDepartment, type AdminUser } from '../api/endpoints';
import { useCockpitText } from '../lib/cockpitText';
import { useRemote } from '../lib/useRemote';
import { RemoteView } from './RemoteView';

export function LeaderDepartmentsCard() {
  const text = useCockpitText();
  const data = useRemote(async () => {
    const [users, departments] = await Promise.all([adminUsers(), adminDepartments()]);
    return { leaders: users.filter((u) => u.role === 'leader' && u.active), departments: departments.filter((d) => d.kind === 'business' && d.active) };
  }, []);
  return (
    <Card size="small" title={text('leaderDepartments')} data-testid="leader-departments">
      <Typography.Paragraph type="secondary">{text('leaderDepartmentsHint')}</Typography.Paragraph>
      <RemoteView remote={data} isEmpty={(d) => d.leaders.length === 0} emptyText={text('noLeaders')}>
        {({ leaders, departments }) => (
          <ResponsiveTable<AdminUser>
            size="small"
            rowKey="username"
            pagination={false}
            dataSource={leaders}
            columns={[
              { title: text('leader'), width: 180, render: (_, u) => `${u.displayName}（${u.username}）` },
              { title: text('scopeMine'), render: (_, u) => <LeaderRow leader={u} departments={departments} /> },
            ]}
          />
        )}
      </RemoteView>
    </Card>
  );
}

function LeaderRow({ leader, departments }: { leader: AdminUser; departments: AdminDepartment[] }) {
  const text = useCockpitText();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string[]>();
  const [saved, setSaved] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let current = true;
    leaderDepartments(leader.username).then(
      (d) => {
        if (!current) return;
        const codes = d.departments.map((x) => x.code);
        setChosen(codes);
        setSaved(codes);
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [leader.username]);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await setLeaderDepartments(leader.username, chosen ?? []);
      const codes = result.departments.map((d) => d.code);
      setChosen(codes);
      setSaved(codes);
      void message.success(text('leaderDepartmentsSaved', { name: leader.displayName }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const changed = chosen !== undefined && saved !== undefined && [...chosen].sort().join() !== [...saved].sort().join();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-leader={leader.username}>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          mode="multiple"
          allowClear
          style={{ width: '100%' }}
          aria-label={`${leader.displayName} ${text('scopeMine')}`}
          loading={chosen === undefined}
          value={chosen ?? []}
          onChange={setChosen}
          showSearch={{ optionFilterProp: 'label' }}
          options={departments.map((d) => ({ value: d.code, label: d.name }))}
        />
        <Button type="primary" disabled={!changed} loading={busy} onClick={() => void save()}>
          {text('save')}
        </Button>
      </Space.Compact>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
