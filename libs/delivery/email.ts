// Email over SMTP (nodemailer): a stable Message-ID per outbox row, the message key in a header,
// UTF-8 Chinese subject and body, nodemailer's logger and debug off, timeouts on every step.
import { createTransport } from 'nodemailer';
import { classifySmtp, type SmtpFailure } from './classify';
import { scrub, secretValues } from './secrets';
import { emailMessageId } from './signing';
import type { DeliveryMessage, DeliveryOutcome, EmailConfig, EmailSecrets, Sender, SenderOptions } from './types';

/** The domain of an address such as `督办系统 <duban@bureau.example>`. */
export function fromDomain(from: string): string | undefined {
  const match = /@([^>\s]+)>?\s*$/.exec(from.trim());
  return match?.[1];
}

export function messageIdDomain(config: EmailConfig): string {
  return config.messageIdDomain || fromDomain(config.from) || 'duban.local';
}

/** The fields nodemailer gets for one message (exported for the specs). */
export function mailFields(config: EmailConfig, message: DeliveryMessage) {
  const text = message.link && !message.text.includes(message.link) ? `${message.text}\n\n${message.link}` : message.text;
  return {
    from: config.from,
    to: message.to,
    subject: message.subject,
    text,
    messageId: emailMessageId(message.id, message.key, messageIdDomain(config)),
    headers: { 'X-Duban-Message-Key': message.key },
    textEncoding: 'base64' as const,
  };
}

export function createEmailSender(config: EmailConfig, secrets: EmailSecrets, options: SenderOptions = {}): Sender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const hidden = secretValues(secrets);
  const transport = createTransport({
    pool: true,
    maxConnections: config.maxConnections ?? 2,
    host: config.host,
    port: config.port,
    secure: config.secure ?? false,
    requireTLS: config.requireTLS ?? false,
    ignoreTLS: config.ignoreTLS ?? false,
    tls: { rejectUnauthorized: !config.allowSelfSigned },
    auth: config.user ? { user: config.user, pass: secrets.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  let closed = false;
  return {
    kind: 'email',
    close() {
      if (!closed) transport.close();
      closed = true;
    },
    async send(message): Promise<DeliveryOutcome> {
      if (!message.to) return { kind: 'permanent', detail: '没有收件邮箱地址' };
      try {
        const info = await transport.sendMail(mailFields(config, message));
        const rejected = (info.rejected ?? []).length;
        if (rejected > 0) return { kind: 'permanent', detail: scrub(`rejected: ${String(info.response ?? '')}`, hidden) };
        return { kind: 'sent', providerRef: scrub(`${info.messageId} ${String(info.response ?? '')}`.trim(), hidden) };
      } catch (error) {
        const failure = error as Error & SmtpFailure & { response?: string };
        const reply = failure.response ? ` (${String(failure.response)})` : '';
        const detail = scrub(`${failure.code ?? 'SMTP'}${failure.command ? ` ${failure.command}` : ''}: ${failure.message}${reply && !failure.message.includes(String(failure.response)) ? reply : ''}`, hidden);
        return classifySmtp({ code: failure.code, responseCode: failure.responseCode, command: failure.command }, detail.replace(/\s+/g, ' ').slice(0, 500));
      }
    },
  };
}
