// Controller of the SMTP sink child (smtp-sink-child.cjs): start it on a port, stop it (an outage),
// restart it on the same port with other options, read what it accepted (parsed with mailparser).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freePort } from '../../libs/runtime/services/wait';

// Next to this file in the sources; from dist/ (the benchmark runs compiled) the sources' copy.
const SINK_CHILD = fs.existsSync(path.join(__dirname, 'smtp-sink-child.cjs'))
  ? path.join(__dirname, 'smtp-sink-child.cjs')
  : path.join(__dirname, '..', '..', '..', 'test', 'helpers', 'smtp-sink-child.cjs');

export interface SmtpSinkOptions {
  /** Addresses answered 550 at RCPT TO. */
  reject?: string[];
  /** Addresses answered 451 at RCPT TO. */
  tempfail?: string[];
  /** Addresses whose message is refused with 554 after DATA. */
  rejectData?: string[];
  /** Answer every connection with 421 and close it. */
  answer421?: boolean;
  /** Require AUTH with these credentials (else 535; MAIL FROM without auth → 530). */
  auth?: { user: string; pass: string };
}

export interface SinkRecord {
  at: string;
  from: string | null;
  to: string[];
  raw: string;
}

export interface ReceivedMail extends SinkRecord {
  mail: ParsedMail;
}

export class SmtpSink {
  private child?: ChildProcess;
  private constructor(
    readonly port: number,
    readonly file: string,
    private options: SmtpSinkOptions,
  ) {}

  static async start(options: SmtpSinkOptions = {}, port?: number): Promise<SmtpSink> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-smtp-sink-'));
    const sink = new SmtpSink(port ?? (await freePort()), path.join(dir, 'mail.jsonl'), options);
    fs.writeFileSync(sink.file, '');
    await sink.launch();
    return sink;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  private launch(): Promise<void> {
    const child = spawn(process.execPath, [SINK_CHILD, String(this.port), this.file, JSON.stringify(this.options)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`smtp sink did not start: ${err}`)), 15_000);
      child.stderr!.on('data', (chunk) => (err += chunk));
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        if (out.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (this.child === child) this.child = undefined;
        reject(new Error(`smtp sink exited (${code}): ${err}`));
      });
    });
  }

  /** Stop the child (the port then refuses connections). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Stop and start again on the same port, with new options when given. */
  async restart(options?: SmtpSinkOptions): Promise<void> {
    await this.stop();
    if (options) this.options = options;
    await this.launch();
  }

  records(): SinkRecord[] {
    return fs
      .readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as SinkRecord);
  }

  async messages(): Promise<ReceivedMail[]> {
    return Promise.all(this.records().map(async (record) => ({ ...record, mail: await simpleParser(record.raw) })));
  }

  /** Stop and remove the JSONL file. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
  }
}
