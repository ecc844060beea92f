// A page for some roles only (lib/pageAccess.ts): anyone else gets a plain 无权访问 and the way to
// their own start page, never the page's data requests and their refusals.
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../lib/i18n';
import { roleLabel } from '../lib/labels';
import { mayOpen, type PagePath } from '../lib/pageAccess';
import { useUser } from '../lib/session';
import { homePathFor } from '../pages/homePath';

export function RoleGate({ page, children }: { page: PagePath; children: ReactNode }) {
  const { t, language } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  if (mayOpen(page, user.role)) return <>{children}</>;
  return (
    <div data-testid="page-forbidden" data-page={page}>
      <Result
        status="403"
        title={t('page.forbidden')}
        subTitle={t('page.forbiddenHint', { role: roleLabel(user.role, language) })}
        extra={
          <Button type="primary" onClick={() => navigate(homePathFor(user.role))}>
            {t('page.home')}
          </Button>
        }
      />
    </div>
  );
}
