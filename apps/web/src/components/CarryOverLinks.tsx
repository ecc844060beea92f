// 结转自 / 已结转至 on a measure's page: the measure of last year's plan it continues and the one of
// next year's plan that continues it, each a link, with that measure's history readable right here.
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { getCarryOverLinks, type CarryOverLink } from '../api/planYear';
import { useI18n } from '../lib/i18n';
import { useRemote } from '../lib/useRemote';
import { EventTimeline } from './EventTimeline';
import { StateTag } from './StatusTags';

export function CarryOverLinks({ measureId, state }: { measureId: string; state: string }) {
  const links = useRemote(() => getCarryOverLinks(measureId), [measureId, state], { keepPrevious: true });
  if (!links.data || (!links.data.predecessor && !links.data.successor)) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="carry-over-links">
      {links.data.predecessor && <LinkedMeasure kind="predecessor" link={links.data.predecessor} />}
      {links.data.successor && <LinkedMeasure kind="successor" link={links.data.successor} />}
    </Space>
  );
}

function LinkedMeasure({ kind, link }: { kind: 'predecessor' | 'successor'; link: CarryOverLink }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" data-testid={`carry-over-${kind}`}>
      <Space wrap>
        <Typography.Text strong>{t(kind === 'predecessor' ? 'detail.predecessor' : 'detail.successor')}</Typography.Text>
        <Link to={`/measures/${link.id}`}>{link.id}</Link>
        <span>{link.title}</span>
        <StateTag state={link.state} />
        <Button type="link" size="small" onClick={() => setOpen(!open)} data-testid={`carry-over-${kind}-history`}>
          {open
            ? language === 'en'
              ? 'Hide its history'
              : '收起办理记录'
            : language === 'en'
              ? `Its history (${link.eventTotal})`
              : `查看其办理记录（${link.eventTotal} 条）`}
        </Button>
      </Space>
      {open && (
        <div style={{ marginTop: 12 }}>
          <EventTimeline events={link.events} />
          {link.eventTotal > link.events.length && (
            <Link to={`/measures/${link.id}`}>{language === 'en' ? 'Earlier events on its page' : '更早的记录见该事项页面'}</Link>
          )}
        </div>
      )}
    </Card>
  );
}
