// Loading, error and empty states for data a page loads: the error is the API's plain message.
import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import type { Remote } from '../lib/useRemote';

interface Props<T> {
  remote: Remote<T>;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

export function RemoteView<T>({ remote, isEmpty, emptyText, children }: Props<T>) {
  const { t } = useI18n();
  if (remote.error && remote.data === undefined) {
    // A refusal (无权查看, 不存在) is said plainly; only a failure that may pass offers to try again.
    if (remote.refused) return <Alert type="warning" showIcon title={remote.error} data-testid="remote-refused" />;
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={remote.error}
        action={<Button onClick={remote.reload}>{t('common.retry')}</Button>}
      />
    );
  }
  if (remote.data === undefined) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin description={t('common.loading')} />
      </div>
    );
  }
  if (isEmpty?.(remote.data)) return <Empty description={emptyText ?? t('common.empty')} />;
  return <>{children(remote.data)}</>;
}
