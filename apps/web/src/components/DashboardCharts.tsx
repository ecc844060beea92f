// Completion, overdue and escalation per chapter and per department (ECharts stacked bars).
import { Card, Col, Row, Skeleton } from 'antd';
import { lazy, Suspense, useMemo, type ComponentProps } from 'react';
import { ESCALATION_LEVELS } from '@duban/domain';
import type { PlanTree } from '../api/types';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { LIGHT_COLORS, escalationLabel, lightLabel } from '../lib/labels';
import { byChapter, byDepartment, LIGHT_ORDER, type GroupStats } from '../lib/planStats';
import { usePhone } from '../lib/responsive';

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

/** On a phone the labels are shorter (a chapter by its number, a department in 5 characters) and the legend smaller. */
function lightBars(groups: GroupStats[], names: string[], language: 'zh' | 'en', horizontal: boolean, phone = false) {
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0, width: phone ? 72 : 90, overflow: 'truncate' as const } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' as const, confine: true },
    legend: phone ? { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } } : { top: 0 },
    grid: { left: horizontal ? (phone ? 84 : 110) : phone ? 32 : 40, right: phone ? 8 : 16, top: phone ? 44 : 36, bottom: 24 },
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
  const phone = usePhone();
  const chapters = useMemo(() => byChapter(tree), [tree]);
  const departments = useMemo(() => byDepartment(tree), [tree]);
  const departmentLabel = (key: string) => tree.departments.find((d) => (d.code ?? '—') === key)?.name ?? departmentName(key);
  const chapterNames = tree.chapters.map((c) => (phone ? c.code : `${c.code}. ${c.title.slice(0, 10)}`));

  const chapterOption = useMemo(() => lightBars(chapters, chapterNames, language, false, phone), [chapters, chapterNames.join(), language, phone]);
  const departmentOption = useMemo(
    () => lightBars(departments, departments.map((d) => departmentLabel(d.key)), language, true, phone),
    [departments, departmentName, language, tree, phone],
  );
  const escalationOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const, confine: true },
      legend: phone ? { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } } : { top: 0 },
      grid: { left: phone ? 32 : 40, right: phone ? 8 : 16, top: phone ? 44 : 36, bottom: 24 },
      xAxis: { type: 'category' as const, data: chapterNames, axisLabel: { interval: 0, width: phone ? 40 : 90, overflow: 'truncate' as const } },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: ESCALATION_LEVELS.map((level) => ({
        name: escalationLabel(level, language),
        type: 'bar' as const,
        stack: 'escalations',
        itemStyle: { color: ESCALATION_COLORS[level] },
        data: chapters.map((c) => c.escalations[level]),
      })),
    }),
    [chapters, chapterNames.join(), language, phone],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('dashboard.byChapter')}>
          <EChart option={chapterOption} height={phone ? 240 : undefined} label={t('dashboard.byChapter')} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('dashboard.escalationsByChapter')}>
          <EChart option={escalationOption} height={phone ? 240 : undefined} label={t('dashboard.escalationsByChapter')} />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('dashboard.byDepartment')}>
          <EChart option={departmentOption} height={Math.max(240, departments.length * (phone ? 22 : 28) + 60)} label={t('dashboard.byDepartment')} />
        </Card>
      </Col>
    </Row>
  );
}
