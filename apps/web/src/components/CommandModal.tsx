// A dialog that sends one command: the form's values go to `send`; the API's plain message is
// shown inside the dialog when it refuses, and `onDone` runs when it accepts.
import { Alert, App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

interface Props<V> {
  title: string;
  open: boolean;
  okText?: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  successText: string;
  onClose(): void;
  onDone(): void;
  send(values: V): Promise<unknown>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

export function CommandModal<V extends object>({ title, open, okText, danger, initialValues, successText, onClose, onDone, send, children }: Props<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSending(true);
    setError(undefined);
    try {
      await send(values);
      void message.success(successText);
      form.resetFields();
      onDone();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      okText={okText ?? t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: sending }}
      onOk={submit}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
