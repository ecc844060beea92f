// The forms of 批示, 催办, 发督办单, 记录问责结果 and of answering one (答复 / 反馈 / 办理情况).
import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { directiveCommandLabel, DEFAULT_INSTRUCTION_WORKING_DAYS, OUTCOME_KIND_LABELS, OUTCOME_KINDS, TEXT_LIMITS, type DirectiveKind } from '@duban/domain';
import {
  answerInstruction,
  answerSupervisionNotice,
  answerUrging,
  closeInstruction,
  issueInstruction,
  issueSupervisionNotice,
  recordAccountability,
  urgeMeasure,
} from '../api/endpoints';
import { useI18n } from '../lib/i18n';
import { addWorkingDays, todayInBeijing } from '../lib/workingDays';
import { CommandModal } from './CommandModal';

interface Common {
  measureId: string;
  open: boolean;
  onClose(): void;
  onDone(): void;
}

/** Chinese first; English for the UI switch. */
export function useWords() {
  const { language } = useI18n();
  return (zh: string, en: string) => (language === 'en' ? en : zh);
}

const notBeforeToday = (d: Dayjs) => d.format('YYYY-MM-DD') < todayInBeijing();

export type IssueKind = DirectiveKind;

export function IssueDialog({ kind, measureId, open, onClose, onDone }: Common & { kind: IssueKind }) {
  const w = useWords();
  if (kind === 'instruction') {
    return (
      <CommandModal<{ text: string; dueDate?: Dayjs }>
        title={w('领导批示', 'Leader’s instruction')}
        okText={w('批示', 'Instruct')}
        successText={w('批示已送达牵头处室', 'Instruction sent to the lead department')}
        open={open}
        onClose={onClose}
        onDone={onDone}
        send={(v) => issueInstruction(measureId, { text: v.text.trim(), dueDate: v.dueDate?.format('YYYY-MM-DD') })}
      >
        <Form.Item name="text" label={w('批示内容', 'Instruction')} rules={[{ required: true, whitespace: true, message: w('请填写批示内容', 'Write the instruction') }]}>
          <Input.TextArea rows={4} maxLength={TEXT_LIMITS.note} aria-label={w('批示内容', 'Instruction')} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={w('答复期限', 'Answer by')}
          extra={w(`不填则为 ${DEFAULT_INSTRUCTION_WORKING_DAYS} 个工作日后（${addWorkingDays(todayInBeijing(), DEFAULT_INSTRUCTION_WORKING_DAYS)}）`, `Default: ${DEFAULT_INSTRUCTION_WORKING_DAYS} working days`)}
        >
          <DatePicker format="YYYY-MM-DD" disabledDate={notBeforeToday} aria-label={w('答复期限', 'Answer by')} />
        </Form.Item>
      </CommandModal>
    );
  }
  if (kind === 'urging') {
    return (
      <CommandModal<{ note: string }>
        title={w('催办', 'Urge')}
        okText={w('催办', 'Urge')}
        successText={w('已催办，承办人和处室负责人已收到通知', 'Urged; the assignee and the head are told')}
        open={open}
        onClose={onClose}
        onDone={onDone}
        send={(v) => urgeMeasure(measureId, v.note.trim())}
      >
        <Form.Item name="note" label={w('催办意见', 'Note')} rules={[{ required: true, whitespace: true, message: w('请填写催办意见', 'Write a note') }]}>
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={w('催办意见', 'Note')} />
        </Form.Item>
      </CommandModal>
    );
  }
  if (kind === 'notice') {
    return (
      <CommandModal<{ text: string; dueDate: Dayjs }>
        title={w('发督办单', 'Issue a supervision notice')}
        okText={w('发出', 'Issue')}
        successText={w('督办单已发出', 'Supervision notice issued')}
        open={open}
        onClose={onClose}
        onDone={onDone}
        initialValues={{ dueDate: dayjs(addWorkingDays(todayInBeijing(), 10)) }}
        send={(v) => issueSupervisionNotice(measureId, { text: v.text.trim(), dueDate: v.dueDate.format('YYYY-MM-DD') })}
      >
        <Form.Item name="text" label={w('督办事项', 'Matter')} rules={[{ required: true, whitespace: true, message: w('请填写督办事项', 'Write the matter') }]}>
          <Input.TextArea rows={4} maxLength={TEXT_LIMITS.note} aria-label={w('督办事项', 'Matter')} />
        </Form.Item>
        <Form.Item name="dueDate" label={w('办理期限', 'Answer by')} rules={[{ required: true, message: w('请选择办理期限', 'Pick a date') }]}>
          <DatePicker format="YYYY-MM-DD" disabledDate={notBeforeToday} aria-label={w('办理期限', 'Answer by')} />
        </Form.Item>
      </CommandModal>
    );
  }
  return (
    <CommandModal<{ kind: string; note: string }>
      title={w('记录问责结果', 'Record an accountability outcome')}
      okText={w('记录', 'Record')}
      successText={w('问责结果已记录', 'Outcome recorded')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ kind: 'interview' }}
      send={(v) => recordAccountability(measureId, { kind: v.kind, note: v.note.trim() })}
    >
      <Form.Item name="kind" label={w('问责方式', 'Outcome')} rules={[{ required: true }]}>
        <Select aria-label={w('问责方式', 'Outcome')} options={OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item name="note" label={w('情况说明', 'Note')} rules={[{ required: true, whitespace: true, message: w('请填写问责情况说明', 'Write a note') }]}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={w('情况说明', 'Note')} />
      </Form.Item>
    </CommandModal>
  );
}

export function RespondDialog({ kind, n, measureId, open, onClose, onDone }: Common & { kind: Exclude<DirectiveKind, 'outcome'>; n: number }) {
  const w = useWords();
  const label = directiveCommandLabel(kind, 'respond');
  const send = (text: string) =>
    kind === 'instruction' ? answerInstruction(measureId, n, text) : kind === 'urging' ? answerUrging(measureId, n, text) : answerSupervisionNotice(measureId, n, text);
  return (
    <CommandModal<{ text: string }>
      title={label}
      okText={w('提交', 'Submit')}
      successText={w(`已${label}`, 'Answer sent')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => send(v.text.trim())}
    >
      <Form.Item name="text" label={w(kind === 'notice' ? '办理情况' : `${label}内容`, 'Answer')} rules={[{ required: true, whitespace: true, message: w('请填写内容', 'Write the answer') }]}>
        <Input.TextArea rows={4} maxLength={TEXT_LIMITS.note} aria-label={w(kind === 'notice' ? '办理情况' : `${label}内容`, 'Answer')} />
      </Form.Item>
    </CommandModal>
  );
}

export function CloseInstructionDialog({ n, measureId, open, onClose, onDone }: Common & { n: number }) {
  const w = useWords();
  return (
    <CommandModal<{ comment?: string }>
      title={w('批示办结', 'Close the instruction')}
      okText={w('办结', 'Close')}
      successText={w('批示已办结', 'Instruction closed')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => closeInstruction(measureId, n, v.comment?.trim() || undefined)}
    >
      <Typography.Paragraph type="secondary">{w('办结后不再接受答复。', 'No more answers are taken once closed.')}</Typography.Paragraph>
      <Form.Item name="comment" label={w('意见（可选）', 'Comment (optional)')}>
        <Input.TextArea rows={2} maxLength={TEXT_LIMITS.note} aria-label={w('意见', 'Comment')} />
      </Form.Item>
    </CommandModal>
  );
}
