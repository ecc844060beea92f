// One inspection finding (检查问题) with its rectification rounds, and 整改 / 复查 when it is the
// signed-in user's turn.
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useState } from 'react';
import { getFinding } from '../api/endpoints';
import { ApiError } from '../api/http';
import type { FindingRound, FindingSummary, MeasureFinding } from '../api/types';
import { useDirectory } from '../lib/directory';
import { beijingDay } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { findingStatusLabel } from '../lib/labels';
import { useUser } from '../lib/session';
import { useRemote } from '../lib/useRemote';
import { DueDate } from './DueDate';
import { RectifyDialog, VerifyDialog } from './FindingDialogs';
import { EvidenceRefs } from '../lib/evidence';

/** A finding just filed is recorded by its own workflow a moment after the inspection returns. */
async function getFindingSoon(id: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getFinding(id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404) || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

const STATUS_COLORS: Record<string, string> = { open: 'orange', submitted: 'blue', closed: 'green' };

/** `summary` is the workflow's own entry (FindingSummary) or the projection's row (status as a plain string). */
export function FindingCard({ summary, onChanged }: { summary: FindingSummary | MeasureFinding; onChanged(): void }) {
  const { t, language } = useI18n();
  const user = useUser();
  const { userName } = useDirectory();
  const finding = useRemote(() => getFindingSoon(summary.findingId), [summary.findingId, summary.status, summary.round], { keepPrevious: true });
  const [dialog, setDialog] = useState<'rectify' | 'verify' | null>(null);
  const detail = finding.data;
  const mayRectify = summary.status === 'open' && user.role === 'staff' && detail?.assigneeId === user.username;
  const mayVerify = summary.status === 'submitted' && user.role === 'supervisor';
  const done = () => {
    setDialog(null);
    finding.reload();
    onChanged();
  };

  return (
    <Card
      size="small"
      data-finding={summary.findingId}
      title={
        <Space>
          <span>{summary.findingId}</span>
          <Tag color={STATUS_COLORS[summary.status]}>{findingStatusLabel(summary.status, language)}</Tag>
          <Typography.Text type="secondary">{t('finding.roundN', { n: summary.round })}</Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {mayRectify && (
            <Button type="primary" size="small" onClick={() => setDialog('rectify')}>
              {t('action.rectify')}
            </Button>
          )}
          {mayVerify && (
            <Button type="primary" size="small" onClick={() => setDialog('verify')}>
              {t('action.verify')}
            </Button>
          )}
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('detail.description')} span="filled">
          {summary.description}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspection.due')}>
          <DueDate date={summary.dueDate} done={summary.status === 'closed'} />
        </Descriptions.Item>
        <Descriptions.Item label={t('finding.inspector')}>{userName(detail?.inspectorId)}</Descriptions.Item>
      </Descriptions>
      {finding.error && <Typography.Text type="danger">{finding.error}</Typography.Text>}
      {detail && detail.rounds.length > 0 && (
        <ResponsiveTable<FindingRound>
          size="small"
          rowKey="round"
          pagination={false}
          dataSource={detail.rounds}
          columns={[
            { title: t('finding.round'), dataIndex: 'round', width: 60 },
            { title: t('inspection.due'), dataIndex: 'dueDate', width: 110 },
            { title: t('finding.submittedAt'), dataIndex: 'submittedAt', width: 110, render: (v: string | null) => beijingDay(v) },
            {
              title: t('rectify.note'),
              dataIndex: 'note',
              render: (v: string | null, r) =>
                v || r.evidence.length ? (
                  <>
                    {v}
                    {v && r.evidence.length > 0 && '；'}
                    <EvidenceRefs refs={r.evidence} />
                  </>
                ) : (
                  '—'
                ),
            },
            {
              title: t('verify.verdict'),
              dataIndex: 'verdict',
              width: 100,
              render: (v: FindingRound['verdict']) =>
                v === 'passed' ? <Tag color="green">{t('verify.pass')}</Tag> : v === 'failed' ? <Tag color="red">{t('verify.fail')}</Tag> : '—',
            },
            { title: t('review.comment'), dataIndex: 'comment', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
      {dialog === 'rectify' && <RectifyDialog findingId={summary.findingId} open onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'verify' && <VerifyDialog findingId={summary.findingId} open onClose={() => setDialog(null)} onDone={done} />}
    </Card>
  );
}
