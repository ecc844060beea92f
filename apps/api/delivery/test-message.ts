// The words of a 发送测试 message: says plainly it is a test, which channel, who sent it and when,
// with a link to the system and the footer 消息编号 like every pushed message.
import { messageNumber, type ChannelKind } from '@duban/domain';

export interface TestMessage {
  number: string;
  subject: string;
  text: string;
  markdown: string;
  link: string;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
const beijingMinute = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

export function testMessage(input: { channelName: string; kind: ChannelKind; sentBy: string; at: Date; publicUrl: string; messageKey: string }): TestMessage {
  const number = messageNumber(input.messageKey);
  const link = `${input.publicUrl.replace(/\/+$/, '')}/#/`;
  const subject = '【督办系统】测试消息';
  if (input.kind === 'sms') return { number, subject, text: `【督办系统】测试短信，渠道“${input.channelName}”可以送达。${link}`, markdown: '', link };
  const lines = [`这是一条测试消息：消息渠道“${input.channelName}”可以送达。`, `发送人：${input.sentBy}`, `时间：${beijingMinute(input.at)}（北京时间）`];
  return {
    number,
    subject,
    text: [subject, ...lines, `打开督办系统：${link}`, `消息编号 ${number}`].join('\n'),
    markdown: [`**${subject}**`, ...lines.map((l) => `> ${l}`), '', `[打开督办系统](${link})`, '', `消息编号 ${number}`].join('\n'),
    link,
  };
}
