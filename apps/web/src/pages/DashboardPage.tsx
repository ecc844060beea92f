// 工作台: one plan at a glance — lights, charts, target indicators and the tree of measures.
import { Card, Col, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getPlanTree, listPlans } from '../api/endpoints';
import { DashboardCharts } from '../components/DashboardCharts';
import { LightSummary } from '../components/LightSummary';
import { PlanTreeView } from '../components/PlanTreeView';
import { RemoteView } from '../components/RemoteView';
import { TargetIndicators } from '../components/TargetIndicators';
import { useI18n } from '../lib/i18n';
import { allMeasures, countLights } from '../lib/planStats';
import { useRemote } from '../lib/useRemote';

export function DashboardPage() {
  const { t } = useI18n();
  const plans = useRemote(listPlans, []);
  const [year, setYear] = useState<number>();

  useEffect(() => {
    if (year === undefined && plans.data?.length) setYear(plans.data.some((p) => p.year === 2022) ? 2022 : plans.data[0].year);
  }, [plans.data, year]);

  const tree = useRemote(() => (year === undefined ? new Promise<never>(() => undefined) : getPlanTree(year)), [year]);

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
      </Space>
      {year !== undefined && (
        <RemoteView remote={tree}>
          {(plan) => (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              <LightSummary counts={countLights(allMeasures(plan))} />
              <DashboardCharts tree={plan} />
              <Row gutter={16}>
                <Col xs={24} xl={8}>
                  <TargetIndicators targets={plan.targets} />
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
