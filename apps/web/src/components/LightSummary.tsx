// Counts of 红/黄/绿/未交办/已办结 across the plan.
import { Card, Col, Row, Statistic } from 'antd';
import type { LightCounts } from '../api/types';
import { useI18n } from '../lib/i18n';
import { LIGHT_COLORS, lightLabel } from '../lib/labels';
import { LIGHT_ORDER } from '../lib/planStats';
import { usePhone } from '../lib/responsive';

export function LightSummary({ counts }: { counts: LightCounts }) {
  const { language } = useI18n();
  // On a phone three a row (the fifth count wraps), not five squeezed side by side.
  const phone = usePhone();
  return (
    <Row gutter={phone ? [8, 8] : 12}>
      {LIGHT_ORDER.map((light) => (
        <Col key={light} flex={phone ? undefined : '1'} span={phone ? 8 : undefined}>
          <Card size="small" data-light-count={light}>
            <Statistic title={lightLabel(light, language)} value={counts[light]} styles={{ content: { color: LIGHT_COLORS[light] } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
