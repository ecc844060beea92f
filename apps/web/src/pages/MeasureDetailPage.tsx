// 事项详情: what the measure asks, who has it, deadlines and ladder in working days, progress
// against its target, findings with their rounds, and the full timeline.
//
// The page shows only the measure in its address, or a plain error: each id gets a page of its own
// (keyed by the id, so nothing of the previous measure — data, open dialogs, timeline pages —
// survives an address change), and a failed load never falls back to what was shown before.
// 无权查看 vs 不存在: the API answers 403 MEASURE_NOT_VISIBLE for a measure outside the user's
// scope (the plan itself is public inside the bureau, so its existence is no secret) and 404 for
// an id it does not know; the page says which. Where the API hides existence it answers 404, and
// the page then says only 事项不存在.
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { isClosedState } from '@duban/domain';
import { getMeasure, getMeasureEvents } from '../api/endpoints';
import type { MeasureDetail, MeasureEventView } from '../api/types';
import { DirectivesCard } from '../components/DirectivesCard';
import { CarryOverLinks } from '../components/CarryOverLinks';
import { DueDate } from '../components/DueDate';
import { EventTimeline } from '../components/EventTimeline';
import { FindingCard } from '../components/FindingCard';
import { LadderSteps } from '../components/LadderSteps';
import { MeasureActions } from '../components/MeasureActions';
import { ProgressAgainstTarget } from '../components/ProgressAgainstTarget';
import { RemoteView } from '../components/RemoteView';
import { EscalationTag, LightDot, StateTag } from '../components/StatusTags';
import { useDirectory } from '../lib/directory';
import { EvidenceFilesProvider, EvidenceLink, EvidenceRefs } from '../lib/evidence';
import { beijingDateTime, windowNote } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { lightReasonText } from '../lib/labels';
import { useRemote, type Remote } from '../lib/useRemote';
import { dependsOnUnknownYear, todayInBeijing, workingDaysBetween } from '../lib/workingDays';

export function MeasureDetailPage() {
  const { id = '' } = useParams();
  return <MeasureDetail key={id} id={id} />;
}

function MeasureDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const remote = useRemote(() => getMeasure(id), [id]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-measure-page={id}>
      <Breadcrumb items={[{ title: <Link to="/measures">{t('nav.measures')}</Link> }, { title: id }]} />
      {remote.refused || remote.status === 400 ? (
        <MeasureRefused remote={remote} />
      ) : (
        <RemoteView remote={remote}>
          {(measure) =>
            measure.id === id ? (
              <EvidenceFilesProvider files={measure.evidenceFiles}>
                <MeasureDetailView measure={measure} onChanged={remote.reload} />
              </EvidenceFilesProvider>
            ) : null
          }
        </RemoteView>
      )}
    </Space>
  );
}

/** 无权查看此事项 (403), 事项不存在 (404) or 事项编号无效 (400), with the API's sentence and a way back. */
function MeasureRefused({ remote }: { remote: Remote<unknown> }) {
  const { t } = useI18n();
  const kind = remote.status === 403 ? 'not-visible' : remote.status === 404 ? 'not-found' : 'bad-id';
  const title = kind === 'not-visible' ? t('detail.notVisible') : kind === 'not-found' ? t('detail.notFound') : t('detail.badId');
  return (
    <div data-testid="remote-refused" data-kind={kind}>
      <Result
        status={kind === 'not-visible' ? '403' : kind === 'not-found' ? '404' : 'warning'}
        title={title}
        subTitle={remote.error}
        extra={
          <Link to="/measures">
            <Button type="primary">{t('detail.toList')}</Button>
          </Link>
        }
      />
    </div>
  );
}

function MeasureDetailView({ measure, onChanged }: { measure: MeasureDetail; onChanged(): void }) {
  const { t, language } = useI18n();
  const target = measure.quantityTarget ?? undefined;
  const suggested = measure.suggestedDepartmentCode;
  const { departmentName, userName } = useDirectory();
  const snapshot = measure.snapshot;
  const finished = isClosedState(measure.state);
  const pendingExtension = snapshot?.extensions.find((e) => e.status === 'pending');
  const assignedOn = snapshot?.assignedOn;
  const allowed = assignedOn && measure.dueDate ? windowNote(workingDaysBetween(assignedOn, measure.dueDate)) : null;
  // The note only where a count shown here crosses a year whose holidays are not known: 剩余/逾期
  // (today → due, while open) or 办理时限 (assigned → due). The ladder marks its own dates.
  const provisional = Boolean(measure.dueDate) && ((!finished && dependsOnUnknownYear(todayInBeijing(), measure.dueDate)) || (allowed !== null && dependsOnUnknownYear(assignedOn, measure.dueDate)));
  // The workflow's own list is immediate; the findings projection (written by each finding's
  // workflow a moment later) has the latest status and round.
  const projected = new Map(measure.findings.map((f) => [f.findingId, f]));
  const findings = [...(snapshot?.findings ?? []).map((f) => projected.get(f.findingId) ?? f), ...measure.findings.filter((f) => !snapshot?.findings.some((s) => s.findingId === f.findingId))];

  return (
    <>
      <Card data-testid="measure-header">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {measure.id} {measure.title}
            </Typography.Title>
            <StateTag state={measure.state} />
            {/* A finished measure's light (已办结) would only repeat its state. */}
            {measure.light !== 'done' && <LightDot light={measure.light} reasons={measure.lightReasons} />}
            <EscalationTag level={measure.escalationLevel} />
          </Space>
          {measure.lightReasons.length > 0 && (
            <Typography.Text type="danger" data-testid="light-reasons">
              {measure.lightReasons.map((r) => lightReasonText(r, language)).join(language === 'en' ? '; ' : '；')}
            </Typography.Text>
          )}
          <MeasureActions
            measure={{
              id: measure.id,
              state: measure.state,
              assigneeId: measure.assigneeId,
              leadDepartment: measure.leadDepartment,
              dueDate: measure.dueDate,
              suggestedDepartmentCode: suggested,
              suggestedCoDepartments: measure.suggestedCoDepartments,
              planLeadText: [measure.leadText, measure.coText].filter(Boolean).join('；') || null,
              extensions: snapshot?.extensions,
              quantityTarget: target,
              transfer: snapshot?.transfer ?? null,
              milestones: snapshot?.milestones,
            }}
            onChanged={onChanged}
          />
          {pendingExtension && (
            <Alert
              type="warning"
              showIcon
              title={t('extension.pending', { date: pendingExtension.newDueDate, by: userName(pendingExtension.requestedBy) })}
              description={pendingExtension.reason}
            />
          )}
          {snapshot?.transfer?.status === 'pending' && (
            <Alert
              type="info"
              showIcon
              data-testid="transfer-pending"
              title={t('transfer.pending', { from: departmentName(snapshot.transfer.fromDepartment), to: departmentName(snapshot.transfer.toDepartment) })}
              description={snapshot.transfer.reason}
            />
          )}
          <CarryOverLinks measureId={measure.id} state={measure.state} />
          {measure.body && <Typography.Paragraph style={{ marginBottom: 0 }}>{measure.body}</Typography.Paragraph>}
        </Space>
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('detail.assignment')} size="small" style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('detail.lead')}>{departmentName(measure.leadDepartment)}</Descriptions.Item>
              {!measure.leadDepartment && suggested && <Descriptions.Item label={t('detail.suggested')}>{departmentName(suggested)}</Descriptions.Item>}
              {snapshot && snapshot.coDepartments.length > 0 && (
                <Descriptions.Item label={t('detail.co')}>{snapshot.coDepartments.map(departmentName).join('、')}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('detail.assignee')}>{userName(measure.assigneeId)}</Descriptions.Item>
              <Descriptions.Item label={t('detail.head')}>{userName(snapshot?.headId)}</Descriptions.Item>
              <Descriptions.Item label={t('detail.assignedOn')}>{snapshot?.assignedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('detail.due')}>
                {/* One line of text that wraps as text (not three columns side by side). */}
                <span>
                  <DueDate date={measure.dueDate} done={finished} hideProvisional />
                  {allowed && (
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }} data-testid="due-window">
                      {t(allowed.key, { n: allowed.n })}
                    </Typography.Text>
                  )}
                  {provisional && (
                    <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="due-provisional">
                      {' '}
                      {t('detail.provisional')}
                    </Typography.Text>
                  )}
                </span>
              </Descriptions.Item>
              {snapshot?.completedOn && <Descriptions.Item label={t('detail.completedOn')}>{snapshot.completedOn}</Descriptions.Item>}
              {snapshot && snapshot.reworkCount > 0 && <Descriptions.Item label={t('detail.reworkCount')}>{snapshot.reworkCount}</Descriptions.Item>}
              {snapshot && (snapshot.declines ?? 0) > 0 && <Descriptions.Item label={t('detail.declines')}>{snapshot.declines}</Descriptions.Item>}
              {snapshot?.milestones.map((m, i) => (
                <Descriptions.Item key={`${i}-${m.title}`} label={m.title}>
                  <span data-testid={`milestone-${i + 1}`}>
                    <DueDate date={m.dueDate} done={finished || Boolean(m.completedOn)} />
                    {m.completedOn ? (
                      <Typography.Text type="success"> {t('milestone.completedOn', { date: m.completedOn })}</Typography.Text>
                    ) : (
                      !finished && m.dueDate < todayInBeijing() && <Typography.Text type="warning"> {t('milestone.slipped')}</Typography.Text>
                    )}
                  </span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('detail.progress')} size="small" style={{ height: '100%' }}>
            <ProgressAgainstTarget progress={snapshot?.progress} target={target} done={measure.state === 'completed'} />
            {snapshot?.progress.note && <Typography.Paragraph style={{ marginTop: 8 }}>{snapshot.progress.note}</Typography.Paragraph>}
            {snapshot?.progress.problems && (
              <Typography.Paragraph data-testid="progress-problems">
                <Typography.Text strong>{t('detail.problems')}：</Typography.Text>
                {snapshot.progress.problems}
              </Typography.Paragraph>
            )}
            {snapshot?.progress.nextSteps && (
              <Typography.Paragraph data-testid="progress-next-steps">
                <Typography.Text strong>{t('detail.nextSteps')}：</Typography.Text>
                {snapshot.progress.nextSteps}
              </Typography.Paragraph>
            )}
            {snapshot && snapshot.progress.evidence.length > 0 && (
              <Typography.Paragraph type="secondary">
                {t('evidence.label')}：<EvidenceRefs refs={snapshot.progress.evidence} />
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>

      {measure.dueDate && !finished && (
        <Card title={t('detail.ladder')} size="small">
          <LadderSteps dueDate={measure.dueDate} level={measure.escalationLevel} finished={finished} planned={measure.ladder} />
        </Card>
      )}

      <Card title={t('detail.findings', { n: findings.length })} size="small">
        {findings.length === 0 ? <Empty description={t('detail.noFindings')} /> : findings.map((f) => <FindingCard key={f.findingId} summary={f} onChanged={onChanged} />)}
      </Card>

      <DirectivesCard
        measure={{ id: measure.id, state: measure.state, assigneeId: measure.assigneeId, leadDepartment: measure.leadDepartment, suggestedDepartmentCode: suggested }}
        onChanged={onChanged}
      />

      {measure.evidenceFiles.length > 0 && (
        <Card title={t('evidence.files', { n: measure.evidenceFiles.length })} size="small" data-testid="evidence-files">
          <List
            size="small"
            dataSource={measure.evidenceFiles}
            renderItem={(file) => (
              <List.Item>
                <Space wrap>
                  <EvidenceLink file={file} />
                  <Typography.Text type="secondary">
                    {userName(file.uploadedBy)} · {beijingDateTime(file.uploadedAt)} · SHA-256 {file.sha256.slice(0, 12)}…
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}

      <PagedTimeline measure={measure} />
    </>
  );
}

/** The newest page of the timeline comes with the measure; earlier pages are fetched on request. */
function PagedTimeline({ measure }: { measure: MeasureDetail }) {
  const { t } = useI18n();
  const [older, setOlder] = useState<MeasureEventView[]>([]);
  const [loading, setLoading] = useState(false);
  // A reload of the measure (after a command) starts the timeline again from its newest page.
  useEffect(() => setOlder([]), [measure]);
  const events = [...older, ...measure.events];
  const remaining = measure.eventTotal - events.length;
  const loadOlder = async () => {
    setLoading(true);
    try {
      const page = await getMeasureEvents(measure.id, events.length, 50);
      // Events recorded since the measure was read shift the offsets: skip what is already shown.
      const key = (e: MeasureEventView) => `${e.occurredAt}|${e.sequence}|${e.type}`;
      setOlder((shown) => {
        const seen = new Set([...shown, ...measure.events].map(key));
        return [...page.events.filter((e) => !seen.has(key(e))), ...shown];
      });
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card title={t('detail.timeline', { n: measure.eventTotal })} size="small" data-testid="timeline">
      {remaining > 0 && (
        <Button type="link" loading={loading} onClick={() => void loadOlder()} data-testid="timeline-older">
          {t('detail.olderEvents', { n: remaining })}
        </Button>
      )}
      {events.length === 0 ? <Empty description={t('detail.noEvents')} /> : <EventTimeline events={events} />}
    </Card>
  );
}
