// A button that sends a command without a form (签收): busy while sending, the API's plain
// message when refused.
import { App, Button } from 'antd';
import { useState } from 'react';

interface Props {
  label: string;
  successText: string;
  size?: 'small' | 'middle';
  send(): Promise<unknown>;
  onDone(): void;
}

export function CommandButton({ label, successText, size, send, onDone }: Props) {
  const { message } = App.useApp();
  const [sending, setSending] = useState(false);
  const click = async () => {
    setSending(true);
    try {
      await send();
      void message.success(successText);
      onDone();
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };
  return (
    <Button type="primary" size={size} loading={sending} onClick={click}>
      {label}
    </Button>
  );
}
