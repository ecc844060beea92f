// 工作台: one plan at a glance — for leaders, supervisors and admins the cockpit (领导驾驶舱) first,
// scoped to a leader's 分管 departments with one switch to 全局; then lights, charts, target
// indicators and the tree of measures.
import { Card, Col, Row, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getCockpit, getPlanTree, listPlans, type CockpitScope } from '../api/endpoints';
import { DashboardCharts } from '../components/DashboardCharts';
import { LightSummary } from '../components/LightSummary';
import { PlanTreeView } from '../components/PlanTreeView';
import { RemoteView } from '../components/RemoteView';
import { TargetIndicators } from '../components/TargetIndicators';
import { useCockpitText } from '../lib/cockpitText';
import { useI18n } from '../lib/i18n';
import { allMeasures, countLights } from '../lib/planStats';
import { useUser } from '../lib/session';
import { useRemote } from '../lib/useRemote';

const never = () => new Promise<never>(() => undefined);

// The cockpit draws with ECharts (a third of the bundle): it loads on its own, as the other charts do.
const Cockpit = lazy(() => import('../components/Cockpit').then((module) => ({ default: module.Cockpit })));

export function DashboardPage() {
  const { t } = useI18n();
  const text = useCockpitText();
  const user = useUser();
  const withCockpit = user.role === 'leader' || user.role === 'supervisor' || user.role === 'admin';
  const plans = useRemote(listPlans, []);
  // ?year= opens a given plan (a link to a year's cockpit); otherwise 2022 or the first plan.
  const [params, setParams] = useSearchParams();
  const urlYear = Number(params.get('year')) || undefined;
  const [defaultYear, setDefaultYear] = useState<number>();
  const year = urlYear ?? defaultYear;
  const setYear = (next: number) => setParams({ year: String(next) });
  /** Undefined: the server's default (a leader's 分管 departments when they have some). */
  const [scope, setScope] = useState<CockpitScope>();

  useEffect(() => {
    if (year === undefined && plans.data?.length) setDefaultYear(plans.data.some((p) => p.year === 2022) ? 2022 : plans.data[0].year);
  }, [plans.data, year]);

  const tree = useRemote(() => (year === undefined ? never() : getPlanTree(year)), [year]);
  const cockpit = useRemote(() => (year === undefined || !withCockpit ? never() : getCockpit(year, scope)), [year, scope, withCockpit]);
  const mine = cockpit.data?.myDepartments ?? [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {tree.data?.title ?? t('nav.dashboard')}
        </Typography.Title>
        <RemoteView remote={plans} isEmpty={(list) => list.length === 0} emptyText={t('dashboard.noPlans')}>
          {(list) => (
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 180 }}
              aria-label={t('dashboard.year')}
              options={list.map((p) => ({ value: p.year, label: t('dashboard.yearOption', { year: p.year }) }))}
            />
          )}
        </RemoteView>
        {withCockpit && mine.length > 0 && (
          <Segmented<CockpitScope>
            data-testid="cockpit-scope"
            value={cockpit.data?.scope ?? scope ?? 'mine'}
            onChange={setScope}
            options={[
              { value: 'mine', label: text('scopeMine') },
              { value: 'all', label: text('scopeAll') },
            ]}
          />
        )}
        {withCockpit && cockpit.data?.scope === 'mine' && (
          <Typography.Text type="secondary">{text('scopeHint', { names: cockpit.data.departments.map((d) => d.name).join('、') })}</Typography.Text>
        )}
      </Space>
      {year !== undefined && withCockpit && (
        <Card size="small" title={text('title')}>
          <RemoteView remote={cockpit}>
            {(data) => (
              <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                <Cockpit data={data} />
              </Suspense>
            )}
          </RemoteView>
        </Card>
      )}
      {year !== undefined && (
        <RemoteView remote={tree}>
          {(plan) => (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              <LightSummary counts={countLights(allMeasures(plan))} />
              <DashboardCharts tree={plan} />
              <Row gutter={16}>
                <Col xs={24} xl={8}>
                  <TargetIndicators
                    targets={plan.targets}
                    indicators={cockpit.data?.year === plan.year ? cockpit.data.indicators : undefined}
                    link={user.role === 'leader' || user.role === 'admin' ? { year: plan.year, measures: allMeasures(plan), onLinked: cockpit.reload } : undefined}
                  />
                </Col>
                <Col xs={24} xl={16}>
                  <Card size="small" title={t('dashboard.tree', { n: allMeasures(plan).length })}>
                    <PlanTreeView tree={plan} />
                  </Card>
                </Col>
              </Row>
            </Space>
          )}
        </RemoteView>
      )}
    </Space>
  );
}
