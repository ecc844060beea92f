// 领导驾驶舱: 办结率, 按期率, overdue and 问责 counts, the most overdue items, 处室排名 with its monthly
// trend. Every number and chart segment opens 全部事项 filtered to exactly the measures it counts.
import { Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Cockpit as CockpitData } from '../api/endpoints';
import { measuresLink, RANKING_CHART, rankingChartHeight, type ScopeRef } from '../lib/cockpitLinks';
import { useCockpitText } from '../lib/cockpitText';
import { percentText } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { escalationLabel } from '../lib/labels';
import { usePhone } from '../lib/responsive';
import { ClickableChart } from './ClickableChart';

const rate = (value: number | null) => (value === null ? null : value * 100);

/** The ranking chart on a phone: shorter names, thinner rows (the desktop layout is RANKING_CHART). */
const PHONE_RANKING_CHART = { left: 96, right: 36, top: 10, bottom: 24, rowHeight: 26 } as const;
/** On a phone the ranking list (which repeats the chart above it) starts with the top departments only. */
const PHONE_TOP_RANKS = 5;

export function Cockpit({ data }: { data: CockpitData }) {
  const text = useCockpitText();
  const { t: tr, language } = useI18n();
  const navigate = useNavigate();
  // On a phone: the cards two by two, the charts as wide as the screen with shorter labels and rows.
  const phone = usePhone();
  const [allRanks, setAllRanks] = useState(false);
  const folded = phone && !allRanks && data.ranking.length > PHONE_TOP_RANKS;
  const scope: ScopeRef = data.scope === 'mine' ? { kind: 'mine', departments: data.departments.map((d) => d.code) } : { kind: 'all' };
  // Every link leaves cancelled measures out, as the cockpit counts them.
  const link = (filters: Record<string, string> = {}) => measuresLink(data.year, scope, { ...filters, excludeCancelled: 'true' });
  const t = data.totals;

  const cards: Array<{ id: string; title: string; value: string | number; hint: string; to: string; color?: string }> = [
    { id: 'total', title: text('total'), value: t.total, hint: text('totalHint'), to: link() },
    { id: 'completion', title: text('completionRate'), value: percentText(rate(t.completionRate)), hint: text('completionHint', { n: t.completed, total: t.total }), to: link({ status: 'completed' }) },
    { id: 'on-time', title: text('onTimeRate'), value: percentText(rate(t.onTimeRate)), hint: text('onTimeHint', { n: t.onTime, late: t.late }), to: link({ completion: 'on_time' }) },
    { id: 'overdue', title: text('overdue'), value: t.overdue, hint: text('overdueHint'), to: link({ overdue: 'true' }), color: t.overdue > 0 ? '#f5222d' : undefined },
    {
      id: 'accountability',
      title: text('accountability'),
      value: t.accountability,
      hint: text('accountabilityHint', { ladder: t.accountabilityLadder, outcomes: t.outcomes }),
      to: link({ accountability: 'true' }),
      color: t.accountability > 0 ? '#a8071a' : undefined,
    },
  ];

  const chart = phone ? PHONE_RANKING_CHART : RANKING_CHART;
  const rankingHeight = phone ? Math.max(1, data.ranking.length) * chart.rowHeight + chart.top + chart.bottom : rankingChartHeight(data.ranking.length);
  const rankingOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, confine: true },
      grid: { left: chart.left, right: chart.right, top: chart.top, bottom: chart.bottom },
      xAxis: { type: 'value' as const, min: 0, max: 100, splitNumber: phone ? 2 : undefined },
      yAxis: { type: 'category' as const, inverse: true, data: data.ranking.map((r) => `${r.rank}. ${r.name}`), axisLabel: { width: chart.left - 12, overflow: 'truncate' as const } },
      series: [{ name: text('score'), type: 'bar' as const, data: data.ranking.map((r) => r.score), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' as const } }],
    }),
    [data.ranking, text, chart, phone],
  );

  const trendOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const, confine: true },
      legend: { top: 0, type: 'scroll' as const },
      grid: { left: phone ? 32 : 40, right: phone ? 12 : 24, top: 40, bottom: 30 },
      xAxis: { type: 'category' as const, data: data.trend.months.map((m) => m.slice(5)), boundaryGap: false },
      yAxis: { type: 'value' as const, min: 0, max: 100 },
      series: data.trend.departments.map((d) => ({ name: d.name, type: 'line' as const, data: d.scores, connectNulls: false, symbolSize: 8 })),
    }),
    [data.trend, phone],
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="cockpit">
      <Row gutter={12}>
        {cards.map((card) => (
          <Col key={card.id} flex={phone ? undefined : '1'} span={phone ? 12 : undefined} style={phone ? { marginBottom: 12 } : undefined}>
            <Card size="small" hoverable data-testid={`cockpit-${card.id}`} onClick={() => navigate(card.to)} role="link" aria-label={`${card.title} ${card.value}`}>
              <Statistic title={card.title} value={card.value} styles={card.color ? { content: { color: card.color } } : undefined} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {card.hint}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={text('rankingChart')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{text('ranking')}</Typography.Text>}>
            <ClickableChart
              testId="cockpit-ranking-chart"
              option={rankingOption}
              height={rankingHeight}
              label={text('rankingChart')}
              onClick={({ dataIndex }) => {
                const row = data.ranking[dataIndex];
                if (row) navigate(link({ lead: row.department }));
              }}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {data.scoreRule}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={text('trend')}>
            {data.trend.months.length === 0 ? (
              <Typography.Text type="secondary">{text('noTrend')}</Typography.Text>
            ) : (
              <ClickableChart
                testId="cockpit-trend-chart"
                option={trendOption}
                height={phone ? 260 : Math.max(280, rankingChartHeight(data.ranking.length))}
                label={text('trend')}
                onClick={({ seriesIndex }) => {
                  const d = seriesIndex === undefined ? undefined : data.trend.departments[seriesIndex];
                  if (d) navigate(link({ lead: d.department }));
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={text('ranking')}>
        <ResponsiveTable
          size="small"
          rowKey="department"
          pagination={false}
          data-testid="cockpit-ranking"
          dataSource={folded ? data.ranking.slice(0, PHONE_TOP_RANKS) : data.ranking}
          card={(r) => (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space size={8} wrap>
                <Typography.Text strong>
                  {r.rank}. <Link to={link({ lead: r.department })}>{r.name}</Link>
                </Typography.Text>
                <Typography.Text type="secondary">
                  {text('score')} {r.score}
                </Typography.Text>
              </Space>
              <Space size={[12, 0]} wrap style={{ fontSize: 13 }}>
                <span>
                  {text('total')} <Link to={link({ lead: r.department })}>{r.totals.total}</Link>
                </span>
                <span>
                  {text('completionRate')} <Link to={link({ lead: r.department, status: 'completed' })}>{percentText(rate(r.totals.completionRate))}</Link>
                </span>
                <span>
                  {text('onTimeRate')} <Link to={link({ lead: r.department, completion: 'on_time' })}>{percentText(rate(r.totals.onTimeRate))}</Link>
                </span>
                <span>
                  {text('overdue')} <Link to={link({ lead: r.department, overdue: 'true' })}>{r.totals.overdue}</Link>
                </span>
                <span>
                  {text('accountability')} <Link to={link({ lead: r.department, accountability: 'true' })}>{r.totals.accountability}</Link>
                </span>
              </Space>
            </Space>
          )}
          columns={[
            { title: text('rank'), width: 60, dataIndex: 'rank' },
            { title: text('department'), render: (_, r) => <Link to={link({ lead: r.department })}>{r.name}</Link> },
            { title: text('score'), width: 90, dataIndex: 'score' },
            { title: text('total'), width: 90, render: (_, r) => <Link to={link({ lead: r.department })}>{r.totals.total}</Link> },
            {
              title: text('completionRate'),
              width: 120,
              render: (_, r) => <Link to={link({ lead: r.department, status: 'completed' })}>{`${percentText(rate(r.totals.completionRate))}（${r.totals.completed}）`}</Link>,
            },
            {
              title: text('onTimeRate'),
              width: 120,
              render: (_, r) => <Link to={link({ lead: r.department, completion: 'on_time' })}>{`${percentText(rate(r.totals.onTimeRate))}（${r.totals.onTime}）`}</Link>,
            },
            { title: text('overdue'), width: 90, render: (_, r) => <Link to={link({ lead: r.department, overdue: 'true' })}>{r.totals.overdue}</Link> },
            { title: text('accountability'), width: 90, render: (_, r) => <Link to={link({ lead: r.department, accountability: 'true' })}>{r.totals.accountability}</Link> },
          ]}
        />
        {phone && data.ranking.length > PHONE_TOP_RANKS && (
          <Button type="link" block onClick={() => setAllRanks(!allRanks)} data-testid="cockpit-ranking-more">
            {allRanks ? text('showTopRanks', { n: PHONE_TOP_RANKS }) : text('showAllRanks', { n: data.ranking.length })}
          </Button>
        )}
      </Card>
      <Card size="small" title={text('topOverdue')} extra={<Link to={link({ overdue: 'true' })}>{t.overdue}</Link>}>
        <ResponsiveTable
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="cockpit-top-overdue"
          locale={{ emptyText: text('noOverdue') }}
          dataSource={data.topOverdue}
          card={(m) => (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space size={8} wrap>
                <Link to={`/measures/${m.id}`}>{m.id}</Link>
                <Typography.Text type="danger">
                  {text('workingDaysOverdue')} {m.workingDaysOverdue}
                </Typography.Text>
                {m.escalationLevel && <Tag>{escalationLabel(m.escalationLevel, language)}</Tag>}
              </Space>
              <Typography.Text>{m.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.department ? <Link to={link({ lead: m.department, overdue: 'true' })}>{m.departmentName}</Link> : '—'} · {m.assigneeName ?? '—'} · {m.dueDate}
              </Typography.Text>
            </Space>
          )}
          columns={[
            {
              title: text('department'),
              width: 160,
              render: (_, m) => (m.department ? <Link to={link({ lead: m.department, overdue: 'true' })}>{m.departmentName}</Link> : '—'),
            },
            {
              title: tr('measures.measure'),
              render: (_, m) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/measures/${m.id}`}>{m.id}</Link>
                  <Typography.Text>{m.title}</Typography.Text>
                </Space>
              ),
            },
            { title: tr('detail.assignee'), width: 110, render: (_, m) => m.assigneeName ?? '—' },
            { title: tr('detail.due'), width: 110, dataIndex: 'dueDate' },
            { title: text('workingDaysOverdue'), width: 110, render: (_, m) => <Typography.Text type="danger">{m.workingDaysOverdue}</Typography.Text> },
            { title: tr('overdue.level'), width: 90, render: (_, m) => (m.escalationLevel ? <Tag>{escalationLabel(m.escalationLevel, language)}</Tag> : null) },
          ]}
        />
      </Card>
    </Space>
  );
}
