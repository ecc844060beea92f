// 委托代理 in the frame: the switch a deputy with an active delegation sees in the header
// (「以 张三（水生态环境处负责人）名义办理」) and the banner while it is on. Acting for a head is
// always the deputy's explicit choice; it stops on sign-out, on a reload, or when the API says the
// delegation is no longer active.
import { Alert, App, Button, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { listDelegations } from '../api/endpoints';
import { setActingRefusedHandler } from '../api/http';
import type { Delegation } from '../api/types';
import { setActing, useActing } from '../lib/acting';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { homePathFor } from '../pages/homePath';

/** The delegations active today that name the signed-in user as deputy. */
function useActiveDelegations(): Delegation[] {
  const { user } = useSession();
  const [active, setActive] = useState<Delegation[]>([]);
  const mayBeDeputy = user?.role === 'staff' || user?.role === 'department_head';
  useEffect(() => {
    if (!user || !mayBeDeputy) return;
    let current = true;
    const load = () =>
      listDelegations().then(
        (all) => current && setActive(all.filter((d) => d.status === 'active' && d.deputyId === user.username)),
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), 5 * 60_000);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [user, mayBeDeputy]);
  return active;
}

/** `light`: on a light background (the phone layout's drawer), the switches stacked and their text dark. */
export function ActingSwitch({ light = false }: { light?: boolean } = {}) {
  const { t } = useI18n();
  const { user } = useSession();
  const acting = useActing();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const delegations = useActiveDelegations();

  useEffect(() => {
    // Another person signed in in this tab: they act as themselves.
    if (acting && user && acting.deputy !== user.username) setActing(null);
  }, [acting, user]);

  useEffect(() => {
    setActingRefusedHandler((text) => {
      setActing(null);
      void message.warning(t('delegation.stopped', { message: text }));
      if (user) navigate(homePathFor(user.role));
    });
    return () => setActingRefusedHandler(null);
  }, [message, navigate, t, user]);

  if (!user || delegations.length === 0) return null;
  return (
    <Space size="small" orientation={light ? 'vertical' : 'horizontal'} data-testid="acting-switches">
      {delegations.map((d) => {
        const name = d.principalName ?? d.principalId;
        const department = d.departmentName ?? d.departmentCode;
        const on = acting?.principalId === d.principalId;
        return (
          <Space key={d.id} size={4}>
            <Switch
              size="small"
              checked={on}
              data-testid={`acting-switch-${d.principalId}`}
              aria-label={t('delegation.actAs', { name, department })}
              onChange={(checked) => {
                if (checked) {
                  setActing({ deputy: user.username, principalId: d.principalId, principalName: name, departmentCode: d.departmentCode, departmentName: department });
                  navigate('/review');
                } else {
                  setActing(null);
                  navigate(homePathFor(user.role));
                }
              }}
            />
            <Typography.Text style={light ? undefined : { color: '#fff', whiteSpace: 'nowrap' }}>{t('delegation.actAs', { name, department })}</Typography.Text>
          </Space>
        );
      })}
    </Space>
  );
}

/** Says plainly, above every page, that the deputy is acting for a head. */
export function ActingBanner() {
  const { t } = useI18n();
  const { user } = useSession();
  const acting = useActing();
  const navigate = useNavigate();
  if (!user || !acting || acting.deputy !== user.username) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="acting-banner"
      title={t('delegation.banner', { name: acting.principalName, department: acting.departmentName, me: user.displayName })}
      action={
        <Button
          size="small"
          onClick={() => {
            setActing(null);
            navigate(homePathFor(user.role));
          }}
        >
          {t('delegation.switchBack')}
        </Button>
      }
    />
  );
}
