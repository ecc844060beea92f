// The measure's full history (its own events and its findings'), oldest first.
import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MeasureEventView } from '../api/types';
import { useDirectory } from '../lib/directory';
import { EvidenceRefs } from '../lib/evidence';
import { beijingDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { usePhone } from '../lib/responsive';
import { escalationLabel, eventLabel, roleLabel } from '../lib/labels';

const COLORS: Record<string, string> = {
  approve: 'green',
  returnForRework: 'orange',
  escalation: 'red',
  fileInspection: 'purple',
  findingOpened: 'purple',
  rectificationVerified: 'cyan',
};

export function EventTimeline({ events }: { events: MeasureEventView[] }) {
  const { language, t } = useI18n();
  const { userName, users } = useDirectory();
  // 委托代理: a deputy's decision reads 「王五（代 张三）」.
  const plainName = (username: string) => users.find((u) => u.username === username)?.displayName ?? username;
  const actorName = (event: MeasureEventView) =>
    event.onBehalfOf ? t('timeline.onBehalf', { actor: plainName(event.actorId), principal: plainName(event.onBehalfOf) }) : userName(event.actorId);
  // A finding's events are numbered by its own workflow: order the merged history by time.
  // On a phone the time goes above each entry, not in a column of its own taking half the screen.
  const phone = usePhone();
  const ordered = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.occurredAt.localeCompare(b.event.occurredAt) || a.index - b.index);
  return (
    <Timeline
      items={ordered.map(({ event }) => ({
        key: `${event.occurredAt}-${event.type}-${event.sequence}`,
        color: COLORS[event.type] ?? 'blue',
        title: phone ? undefined : beijingDateTime(event.occurredAt),
        content: (
          <div data-event-type={event.type}>
            {phone && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {beijingDateTime(event.occurredAt)}
              </Typography.Text>
            )}
            <Typography.Text strong>{eventLabel(event.type, language)}</Typography.Text>
            {event.type === 'escalation' && typeof event.payload.level === 'string' && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {escalationLabel(event.payload.level, language)}
              </Tag>
            )}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }} data-testid="event-actor">
              {event.actorId === 'system' ? userName('system') : `${actorName(event)} · ${roleLabel(event.actorRole, language)}`}
            </Typography.Text>
            <EventDetails event={event} />
          </div>
        ),
      }))}
    />
  );
}

function EventDetails({ event }: { event: MeasureEventView }) {
  const { t } = useI18n();
  const { userName, departmentName } = useDirectory();
  const p = event.payload;
  const lines: ReactNode[] = [];
  const text = (key: string) => (typeof p[key] === 'string' && p[key] ? (p[key] as string) : undefined);
  const add = (label: string, value: ReactNode) => lines.push(<div key={label}>{label}：{value}</div>);

  if (event.type === 'assign' || event.type === 'reassign') {
    add(t('detail.assignee'), userName(text('assigneeId')));
    add(t('detail.lead'), departmentName(text('leadDepartment')));
    const co = Array.isArray(p.coDepartments) ? (p.coDepartments as string[]) : [];
    if (co.length) add(t('detail.co'), co.map(departmentName).join('、'));
    add(t('detail.due'), text('dueDate'));
  }
  if (typeof p.quantityDone === 'number') add(t('detail.quantityDone'), p.quantityDone);
  if (typeof p.percent === 'number') add(t('detail.percent'), `${p.percent}%`);
  for (const key of ['note', 'problems', 'nextSteps', 'comment', 'reason', 'description'] as const) {
    if (text(key)) add(t(`detail.${key}`), text(key));
  }
  if (text('newDueDate')) add(t('extension.newDue'), text('newDueDate'));
  if (typeof p.approve === 'boolean') add(t('extension.decision'), p.approve ? t('extension.agree') : t('extension.disagree'));
  if (typeof p.passed === 'boolean') add(t('verify.verdict'), p.passed ? t('verify.pass') : t('verify.fail'));
  if (typeof p.round === 'number') add(t('finding.round'), p.round);
  if (event.type !== 'assign' && event.type !== 'reassign' && text('dueDate')) add(t('inspection.due'), text('dueDate'));
  if (text('nextDueDate')) add(t('verify.nextDue'), text('nextDueDate'));
  if (text('stepDate')) add(t('ladder.stepDate'), text('stepDate'));
  if (Array.isArray(p.findings)) {
    for (const f of p.findings as Array<{ findingId: string; description: string; dueDate: string }>) {
      lines.push(<div key={f.findingId}>{f.findingId}：{f.description}（{t('inspection.due')} {f.dueDate}）</div>);
    }
  }
  const evidence = Array.isArray(p.evidence) ? (p.evidence as string[]) : [];
  if (evidence.length) add(t('evidence.label'), <EvidenceRefs refs={evidence} />);
  if (lines.length === 0) return null;
  return <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13, marginTop: 4 }}>{lines}</div>;
}
