// The small coloured tags every list shows: lifecycle state, 红黄绿灯, escalation level.
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../lib/i18n';
import { ESCALATION_COLORS, LIGHT_COLORS, STATE_COLORS, escalationLabel, lightLabel, lightReasonText, stateLabel } from '../lib/labels';
import type { EscalationLevel, MeasureState, StatusLight } from '@duban/domain';

export function StateTag({ state }: { state: string }) {
  const { language } = useI18n();
  return <Tag color={STATE_COLORS[state as MeasureState] ?? 'default'}>{stateLabel(state, language)}</Tag>;
}

export function LightDot({ light, reasons = [] }: { light: string; reasons?: string[] }) {
  const { language } = useI18n();
  const label = lightLabel(light, language);
  const dot = (
    <span className="light-dot" data-light={light} aria-label={label}>
      <span style={{ background: LIGHT_COLORS[light as StatusLight] ?? '#bfbfbf' }} />
      {label}
    </span>
  );
  return reasons.length > 0 ? <Tooltip title={reasons.map((r) => lightReasonText(r, language)).join(language === 'en' ? '; ' : '；')}>{dot}</Tooltip> : dot;
}

export function EscalationTag({ level }: { level: string | null | undefined }) {
  const { language } = useI18n();
  if (!level) return null;
  return <Tag color={ESCALATION_COLORS[level as EscalationLevel] ?? 'default'}>{escalationLabel(level, language)}</Tag>;
}
