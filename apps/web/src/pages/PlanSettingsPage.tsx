// 督办规则与年终结转: for a chosen plan, its escalation rules (read by everyone who reaches the page,
// changed by 局领导 and 系统管理员) and its year end (结转 by 局领导 and 系统管理员, the frozen
// 完成情况 read by those who follow the whole plan). Also a tab of 系统管理.
import { Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { listPlans } from '../api/endpoints';
import { PlanPolicyCard } from '../components/PlanPolicyCard';
import { RemoteView } from '../components/RemoteView';
import { YearEndCard } from '../components/YearEndCard';
import { useI18n } from '../lib/i18n';
import { useRemote } from '../lib/useRemote';

export function PlanSettings() {
  const { language } = useI18n();
  const L = (zh: string, en: string) => (language === 'en' ? en : zh);
  const plans = useRemote(listPlans, []);
  // ?year= picks the plan (a link from elsewhere); else the newest one.
  const [params] = useSearchParams();
  const [year, setYear] = useState<number>();
  useEffect(() => {
    if (year !== undefined || !plans.data?.length) return;
    const asked = Number(params.get('year'));
    setYear(plans.data.some((p) => p.year === asked) ? asked : plans.data[0].year);
  }, [plans.data, year, params]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <RemoteView remote={plans} isEmpty={(list) => list.length === 0} emptyText={L('尚未导入工作要点', 'No plan imported yet')}>
        {(list) => (
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 240 }}
            aria-label={L('工作要点年度', 'Plan year')}
            data-testid="plan-settings-year"
            options={list.map((p) => ({ value: p.year, label: `${p.year} · ${p.title}` }))}
          />
        )}
      </RemoteView>
      {year !== undefined && (
        <Tabs
          items={[
            { key: 'policy', label: L('督办规则', 'Escalation rules'), children: <PlanPolicyCard key={year} year={year} /> },
            { key: 'year-end', label: L('年终结转与完成情况', 'Year end & completion'), children: <YearEndCard key={year} year={year} /> },
          ]}
        />
      )}
    </Space>
  );
}

export function PlanSettingsPage() {
  const { language } = useI18n();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {language === 'en' ? 'Escalation rules & year end' : '督办规则与年终结转'}
      </Typography.Title>
      <PlanSettings />
    </Space>
  );
}
