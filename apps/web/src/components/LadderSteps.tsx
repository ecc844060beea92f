// The escalation ladder of a due date in working days (预警 5 天前 → 催办 当日 → 督办 +3 → 问责 +10),
// with the steps already reached marked as done (a step that fired was carried out: ✓, never a red
// ✕, which reads as "failed"); a step date reckoned across a year whose holidays are not known is
// marked 暂定.
import { Space, Steps, Tag } from 'antd';
import type { LadderStepView } from '../api/types';
import { DEFAULT_ESCALATION_POLICY, ESCALATION_LEVELS, type EscalationLevel } from '@duban/domain';
import { useI18n } from '../lib/i18n';
import { escalationLabel } from '../lib/labels';
import { dependsOnUnknownYear, ladderFor, todayInBeijing } from '../lib/workingDays';

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
          content: stepDate(step.date, step.status === 'fired', step.key.split(':')[1]),
          status: step.status === 'fired' ? 'finish' : 'wait',
        }))}
      />
    );
  }
  const steps = current && current.length > 0 ? current : ladderFor(dueDate);
  const reached = ESCALATION_LEVELS.findIndex((l) => l === level);
  function stepDate(date: string, fired: boolean, from = dueDate): string {
    return [date, fired ? t('ladder.sent') : null, !fired && dependsOnUnknownYear(from, date) ? t('ladder.provisional') : null].filter(Boolean).join(' · ');
  }
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
    <div data-testid="deadline-ladder">
    <Steps
      size="small"
      current={reached}
      items={steps.map((step, i) => {
        const fired = 'status' in step ? step.status === 'fired' : i <= reached;
        return {
          title: escalationLabel(step.level, language),
          content: `${stepDate(step.date, fired)} · ${offsetText(OFFSETS[step.level])}`,
          status: fired ? 'finish' : finished || step.date > today ? 'wait' : 'process',
        };
      })}
    />
    </div>
    );
  }
}
