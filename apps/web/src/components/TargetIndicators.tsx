// The plan's target indicators (主要目标指标) with the quantities read from their text.
import { Card, List, Space, Tag, Typography } from 'antd';
import type { PlanTree } from '../api/types';
import { useI18n } from '../lib/i18n';

export function TargetIndicators({ targets }: { targets: PlanTree['targets'] }) {
  const { t } = useI18n();
  return (
    <Card title={t('dashboard.targets', { n: targets.length })} size="small">
      <List
        size="small"
        dataSource={targets}
        renderItem={(target) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
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
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
