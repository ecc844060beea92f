// 打印 (a 督办单 / 问责记录 as its A4 PDF, in a new tab) and 导出 Excel (a list as XLSX): the buttons
// the measure page, the notice list and the supervision lists share. Errors show as a message.
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../lib/i18n';

function useRun() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export function PrintButton({ open, testId }: { open: () => Promise<void>; testId?: string }) {
  const { language } = useI18n();
  const { busy, run } = useRun();
  return (
    <Button size="small" icon={<PrinterOutlined />} loading={busy} onClick={() => void run(open)} data-testid={testId ?? 'print-document'}>
      {language === 'en' ? 'Print' : '打印'}
    </Button>
  );
}

export function ExportExcelButton({ download, testId }: { download: () => Promise<string>; testId?: string }) {
  const { language } = useI18n();
  const { message } = App.useApp();
  const { busy, run } = useRun();
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      data-testid={testId ?? 'export-excel'}
      onClick={() =>
        void run(async () => {
          const name = await download();
          void message.success(language === 'en' ? `Downloaded ${name}` : `已导出 ${name}`);
        })
      }
    >
      {language === 'en' ? 'Export Excel' : '导出 Excel'}
    </Button>
  );
}
