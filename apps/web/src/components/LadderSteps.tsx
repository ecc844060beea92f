// The escalation ladder of a due date in working days (预警 5 天前 → 催办 当日 → 督办 +3 → 问责 +10),
// with the steps already reached marked.
import { Space, Steps, Tag } from 'antd';
import type { LadderStepView } from '../api/types';
import { DEFAULT_ESCALATION_POLICY, ESCALATION_LEVELS, type EscalationLevel } from '@duban/domain';
import { useI18n } from '../lib/i18n';
import { escalationLabel } from '../lib/labels';
import { ladderFor, todayInBeijing } from '../lib/workingDays';

const OFFSETS: Record<EscalationLevel, number> = {
  warning: -DEFAULT_ESCALATION_POLICY.warningDaysBefore,
  urging: 0,
  supervision: DEFAULT_ESCALATION_POLICY.supervisionDaysOverdue,
  accountability: DEFAULT_ESCALATION_POLICY.accountabilityDaysOverdue,
};

interface Props {
  dueDate: string;
  level: string | null;
  finished: boolean;
  /** The API's ladder (fired and pending steps); computed here from the due date when absent. */
  planned?: LadderStepView[];
}

export function LadderSteps({ dueDate, level, finished, planned }: Props) {
  const { t, language } = useI18n();
  const today = todayInBeijing();
  const current = planned?.filter((s) => s.against === 'assignee' && s.key.startsWith(`assignee:${dueDate}:`));
  if (planned && planned.some((s) => s.against === 'reviewer')) {
    const review = planned.filter((s) => s.against === 'reviewer');
    return (
      <Steps
        size="small"
        items={review.map((step) => ({
          title: `${t('ladder.review')} · ${escalationLabel(step.level, language)}`,
          content: step.date,
          status: step.status === 'fired' ? 'error' : 'wait',
        }))}
      />
    );
  }
  const steps = current && current.length > 0 ? current : ladderFor(dueDate);
  const reached = ESCALATION_LEVELS.findIndex((l) => l === level);
  const offsetText = (n: number) => (n < 0 ? t('ladder.before', { n: -n }) : n === 0 ? t('ladder.onDue') : t('ladder.after', { n }));
  const milestoneSteps = (planned ?? []).filter((s) => s.milestone !== null && s.milestone !== undefined);
  return (
    <>
      <DeadlineSteps />
      {milestoneSteps.length > 0 && (
        <Space wrap size="small" style={{ marginTop: 8 }} data-testid="milestone-ladder">
          {milestoneSteps.map((step) => (
            <Tag key={step.key} color={step.status === 'fired' ? 'orange' : 'default'}>
              {t('ladder.milestone', { title: step.milestoneTitle ?? String(step.milestone) })} · {escalationLabel(step.level, language)} {step.date}
              {step.status === 'fired' ? ` · ${t('ladder.sent')}` : ''}
            </Tag>
          ))}
        </Space>
      )}
    </>
  );

  function DeadlineSteps() {
    return (
    <Steps
      size="small"
      current={reached}
      status={reached >= 2 ? 'error' : 'process'}
      items={steps.map((step, i) => ({
        title: escalationLabel(step.level, language),
        content: `${step.date} · ${offsetText(OFFSETS[step.level])}`,
        status: ('status' in step ? step.status === 'fired' : i <= reached) ? (i >= 2 ? 'error' : 'finish') : finished || step.date > today ? 'wait' : 'process',
      }))}
    />
    );
  }
}
