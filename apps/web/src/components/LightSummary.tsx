// Counts of 红/黄/绿/未交办/已完成 across the plan.
import { Card, Col, Row, Statistic } from 'antd';
import type { LightCounts } from '../api/types';
import { useI18n } from '../lib/i18n';
import { LIGHT_COLORS, lightLabel } from '../lib/labels';
import { LIGHT_ORDER } from '../lib/planStats';

export function LightSummary({ counts }: { counts: LightCounts }) {
  const { language } = useI18n();
  return (
    <Row gutter={12}>
      {LIGHT_ORDER.map((light) => (
        <Col key={light} flex="1">
          <Card size="small" data-light-count={light}>
            <Statistic title={lightLabel(light, language)} value={counts[light]} styles={{ content: { color: LIGHT_COLORS[light] } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
