// 督查 (discipline supervisor): overdue audit, escalation log, scorecard, inspections, exports.
import { Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { EscalationLogTable } from '../components/EscalationLogTable';
import { MeasureTable } from '../components/MeasureTable';
import { OverdueAuditTable } from '../components/OverdueAuditTable';
import { ReportExport } from '../components/ReportExport';
import { BulletinCard } from '../components/BulletinCard';
import { AuditChainCheck } from '../components/AuditChainCheck';
import { NoticesTable } from '../components/NoticesTable';
import { ScorecardTable } from '../components/ScorecardTable';
import { TaskList } from '../components/TaskList';
import { listPlans } from '../api/endpoints';
import { useI18n } from '../lib/i18n';
import { useRemote } from '../lib/useRemote';
import { useUser } from '../lib/session';

export function SupervisionPage() {
  const { t } = useI18n();
  const user = useUser();
  const plans = useRemote(listPlans, []);
  const [year, setYear] = useState(2022);
  const yearPicker = (
    <Select
      value={year}
      onChange={setYear}
      style={{ width: 180 }}
      aria-label={t('dashboard.year')}
      options={(plans.data ?? [{ year }]).map((p) => ({ value: p.year, label: t('dashboard.yearOption', { year: p.year }) }))}
    />
  );
  return (
    <>
      <Typography.Title level={3}>{t('nav.supervision')}</Typography.Title>
      <Tabs
        items={[
          { key: 'overdue', label: t('supervision.overdue'), children: <OverdueAuditTable /> },
          { key: 'verify', label: t('supervision.verify'), children: <TaskList testId="supervisor-tasks" /> },
          { key: 'escalations', label: t('supervision.escalations'), children: <EscalationLogTable /> },
          { key: 'notices', label: t('supervision.notices'), children: <NoticesTable /> },
          {
            key: 'scorecard',
            label: t('supervision.scorecard'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {yearPicker}
                <ScorecardTable year={year} />
              </Space>
            ),
          },
          {
            key: 'inspect',
            label: t('supervision.inspect'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('supervision.inspectHint')}</Typography.Paragraph>
                <MeasureTable testId="inspection-list" withActions />
              </>
            ),
          },
          {
            key: 'reports',
            label: t('supervision.reports'),
            children: (
              <Space orientation="vertical">
                {yearPicker}
                <ReportExport year={year} />
                <BulletinCard year={year} />
                {/* Verifying the audit chain is the supervisors' and the admin's (GET /audit/verify). */}
                {user.role !== 'leader' && <AuditChainCheck />}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
