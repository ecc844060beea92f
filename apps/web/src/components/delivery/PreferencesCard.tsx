// 通知方式 (every signed-in person, their own): e-mail for every message, a daily digest, or none;
// SMS reminders on or off — with where they would go and what the bureau's settings allow.
import { Alert, App, Card, Radio, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { getPreferences, savePreferences, type Preferences } from '../../api/delivery';
import { useI18n } from '../../lib/i18n';
import { useRemote } from '../../lib/useRemote';
import { RemoteView } from '../RemoteView';

export function PreferencesCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const remote = useRemote(getPreferences, []);
  const [saved, setSaved] = useState<Preferences>();
  const [saving, setSaving] = useState(false);

  const save = async (change: Partial<Pick<Preferences, 'emailMode' | 'smsEnabled'>>) => {
    setSaving(true);
    try {
      setSaved(await savePreferences(change));
      void message.success(t('delivery.prefs.saved'));
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('delivery.prefs')} data-testid="notification-preferences">
      <RemoteView remote={remote}>
        {(loaded) => {
          const prefs = saved ?? loaded;
          return (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('delivery.prefsHint')}</Typography.Text>
              <div>
                <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
                  {t('delivery.prefs.email')}
                </Typography.Text>
                <Radio.Group
                  aria-label={t('delivery.prefs.email')}
                  data-testid="email-mode"
                  optionType="button"
                  // Three buttons side by side do not fit a 390 px phone in English: they wrap onto the next line.
                  style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
                  disabled={saving}
                  value={prefs.emailMode}
                  onChange={(e) => void save({ emailMode: e.target.value as Preferences['emailMode'] })}
                  options={[
                    { value: 'event', label: t('delivery.prefs.email.event') },
                    { value: 'digest', label: t('delivery.prefs.email.digest'), disabled: !prefs.digestEnabled && prefs.emailMode !== 'digest' },
                    { value: 'off', label: t('delivery.prefs.email.off') },
                  ]}
                />
                <div style={{ marginTop: 6, fontSize: 12 }}>
                  {prefs.emailMode === 'digest' && <Typography.Text type="secondary">{t('delivery.prefs.digestNote')}</Typography.Text>}
                  {!prefs.digestEnabled && <Typography.Text type="warning"> {t('delivery.prefs.digestOff')}</Typography.Text>}
                </div>
                {prefs.emailMode !== 'off' &&
                  (prefs.email ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('delivery.prefs.address', { address: prefs.email })}
                      {!prefs.emailChannel && ` · ${t('delivery.prefs.noChannel')}`}
                    </Typography.Text>
                  ) : (
                    <Alert style={{ marginTop: 6 }} type="info" showIcon title={t('delivery.prefs.noEmail')} />
                  ))}
              </div>
              <div>
                <Space wrap>
                  <Typography.Text strong>{t('delivery.prefs.sms')}</Typography.Text>
                  <Switch
                    aria-label={t('delivery.prefs.sms')}
                    data-testid="sms-enabled"
                    checked={prefs.smsEnabled}
                    disabled={saving || prefs.smsPolicy === 'off'}
                    onChange={(on) => void save({ smsEnabled: on })}
                  />
                </Space>
                <div style={{ fontSize: 12, marginTop: 4 }}>
                  <Typography.Text type="secondary">
                    {prefs.smsPolicy === 'off' ? t('delivery.prefs.smsOff') : prefs.smsPolicy === 'all' ? t('delivery.prefs.smsAll') : t('delivery.prefs.smsUrgent')}
                    {prefs.smsPolicy !== 'off' && prefs.mobile && ` · ${t('delivery.prefs.address', { address: prefs.mobile })}`}
                  </Typography.Text>
                  {prefs.smsPolicy !== 'off' && !prefs.mobile && <div><Typography.Text type="warning">{t('delivery.prefs.noMobile')}</Typography.Text></div>}
                </div>
              </div>
            </Space>
          );
        }}
      </RemoteView>
    </Card>
  );
}
