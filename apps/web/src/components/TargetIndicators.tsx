// The plan's target indicators (主要目标指标) with the quantities read from their text and, in the
// cockpit, the measures serving each (linked by hand) with their progress.
import { App, Button, Card, List, Modal, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { linkIndicatorMeasures, type Cockpit } from '../api/endpoints';
import type { PlanMeasure, PlanTree } from '../api/types';
import { useCockpitText } from '../lib/cockpitText';
import { percentText } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { StateTag } from './StatusTags';

type Indicator = Cockpit['indicators'][number];

interface Props {
  targets: PlanTree['targets'];
  /** The cockpit's view of each indicator (linked measures, progress); absent outside the cockpit. */
  indicators?: Indicator[];
  /** Leaders and admins link measures to an indicator. */
  link?: { year: number; measures: PlanMeasure[]; onLinked(): void };
}

export function TargetIndicators({ targets, indicators, link }: Props) {
  const { t } = useI18n();
  const text = useCockpitText();
  const [editing, setEditing] = useState<Indicator>();
  const byCode = new Map((indicators ?? []).map((i) => [i.code, i]));
  return (
    <Card title={t('dashboard.targets', { n: targets.length })} size="small" data-testid="target-indicators">
      <List
        size="small"
        dataSource={targets}
        renderItem={(target) => {
          const indicator = byCode.get(target.code);
          return (
            <List.Item data-indicator={target.code}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text>
                  <Typography.Text strong>（{target.code}）</Typography.Text>
                  {target.text}
                </Typography.Text>
                {target.quantities.length > 0 && (
                  <Space wrap size={4}>
                    {target.quantities.map((q) => (
                      <Tag key={`${q.value}${q.unit}${q.text}`} color="blue">
                        {q.value} {q.unit}
                      </Tag>
                    ))}
                  </Space>
                )}
                {indicator && (
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text type="secondary">{text('indicatorMeasures', { n: indicator.measures.length })}</Typography.Text>
                      {link && (
                        <Button size="small" type="link" onClick={() => setEditing(indicator)}>
                          {text('link')}
                        </Button>
                      )}
                    </Space>
                    {indicator.progress !== null && (
                      <Progress percent={indicator.progress} size="small" format={(p) => `${text('indicatorProgress')} ${percentText(p)}`} />
                    )}
                    {indicator.measures.length === 0 ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {text('noLinked')}
                      </Typography.Text>
                    ) : (
                      indicator.measures.map((m) => (
                        <Space key={m.id} size={6} wrap>
                          <Link to={`/measures/${m.id}`}>{m.code}</Link>
                          <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                            {m.title}
                          </Typography.Text>
                          <StateTag state={m.state} />
                          <Typography.Text type="secondary">{percentText(m.progressPercent)}</Typography.Text>
                        </Space>
                      ))
                    )}
                  </Space>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
      {editing && link && <LinkDialog indicator={editing} year={link.year} measures={link.measures} onClose={() => setEditing(undefined)} onSaved={link.onLinked} />}
    </Card>
  );
}

function LinkDialog({ indicator, year, measures, onClose, onSaved }: { indicator: Indicator; year: number; measures: PlanMeasure[]; onClose(): void; onSaved(): void }) {
  const text = useCockpitText();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string[]>(indicator.measures.map((m) => m.id));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await linkIndicatorMeasures(year, indicator.code, chosen);
      void message.success(text('linkSaved'));
      onSaved();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={text('linkTitle', { code: indicator.code })} okText={text('save')} cancelText={text('cancel')} confirmLoading={saving} onOk={() => void save()} onCancel={onClose} width={640}>
      <Select
        mode="multiple"
        allowClear
        style={{ width: '100%' }}
        aria-label={text('chooseMeasures')}
        placeholder={text('chooseMeasures')}
        value={chosen}
        onChange={setChosen}
        showSearch={{ optionFilterProp: 'label' }}
        options={measures.map((m) => ({ value: m.id, label: `${m.code} ${m.title}` }))}
      />
      {error && (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
          {error}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
