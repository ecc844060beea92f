// Completion, overdue and escalation per chapter and per department (ECharts stacked bars).
import { Card, Col, Row, Skeleton } from 'antd';
import { lazy, Suspense, useMemo, type ComponentProps } from 'react';
import { ESCALATION_LEVELS } from '@duban/domain';
import type { PlanTree } from '../api/types';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { LIGHT_COLORS, escalationLabel, lightLabel } from '../lib/labels';
import { byChapter, byDepartment, LIGHT_ORDER, type GroupStats } from '../lib/planStats';

// ECharts is a third of the bundle and only this page draws charts: it loads on its own, after the
// plan tree (what the dashboard is read for) is on screen.
const LazyEChart = lazy(() => import('./EChart').then((module) => ({ default: module.EChart })));

function EChart(props: ComponentProps<typeof LazyEChart>) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} style={{ height: props.height ?? 320 }} />}>
      <LazyEChart {...props} />
    </Suspense>
  );
}

const ESCALATION_COLORS = { warning: '#fadb14', urging: '#fa8c16', supervision: '#fa541c', accountability: '#a8071a' };

function lightBars(groups: GroupStats[], names: string[], language: 'zh' | 'en', horizontal: boolean) {
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0, width: 90, overflow: 'truncate' as const } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: horizontal ? 110 : 40, right: 16, top: 36, bottom: 24 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: LIGHT_ORDER.map((light) => ({
      name: lightLabel(light, language),
      type: 'bar' as const,
      stack: 'lights',
      itemStyle: { color: LIGHT_COLORS[light] },
      data: groups.map((g) => g.lights[light]),
    })),
  };
}

export function DashboardCharts({ tree }: { tree: PlanTree }) {
  const { t, language } = useI18n();
  const { departmentName } = useDirectory();
  const chapters = useMemo(() => byChapter(tree), [tree]);
  const departments = useMemo(() => byDepartment(tree), [tree]);
  const departmentLabel = (key: string) => tree.departments.find((d) => (d.code ?? '—') === key)?.name ?? departmentName(key);
  const chapterNames = tree.chapters.map((c) => `${c.code}. ${c.title.slice(0, 10)}`);

  const chapterOption = useMemo(() => lightBars(chapters, chapterNames, language, false), [chapters, chapterNames.join(), language]);
  const departmentOption = useMemo(
    () => lightBars(departments, departments.map((d) => departmentLabel(d.key)), language, true),
    [departments, departmentName, language, tree],
  );
  const escalationOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 24 },
      xAxis: { type: 'category' as const, data: chapterNames, axisLabel: { interval: 0, width: 90, overflow: 'truncate' as const } },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: ESCALATION_LEVELS.map((level) => ({
        name: escalationLabel(level, language),
        type: 'bar' as const,
        stack: 'escalations',
        itemStyle: { color: ESCALATION_COLORS[level] },
        data: chapters.map((c) => c.escalations[level]),
      })),
    }),
    [chapters, chapterNames.join(), language],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('dashboard.byChapter')}>
          <EChart option={chapterOption} label={t('dashboard.byChapter')} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('dashboard.escalationsByChapter')}>
          <EChart option={escalationOption} label={t('dashboard.escalationsByChapter')} />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('dashboard.byDepartment')}>
          <EChart option={departmentOption} height={Math.max(240, departments.length * 28 + 60)} label={t('dashboard.byDepartment')} />
        </Card>
      </Col>
    </Row>
  );
}
