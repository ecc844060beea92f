// plan:parse <file> — prints the parsed Plan as JSON. Expected failures (no argument, unreadable
// file, not a work plan) are one line on stderr and exit code 1, never a stack trace.
// The file may be .txt (UTF-8/GB18030), .html, .docx, .xlsx or a PDF with a text layer, told
// apart by content (@duban/plan-reader); the JSON adds `source`: the format and any task rows.
import { readFileSync, statSync } from 'node:fs';
import { PlanReadError, readPlanDocument } from '@duban/plan-reader';
import { PlanParseError } from './errors';
import { parsePlan } from './parse';

export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the command for `args` (without node and script) and resolves to the exit code. */
export async function runPlanParseCli(args: readonly string[], output: CliOutput = PROCESS_OUTPUT): Promise<number> {
  try {
    const document = await readPlanDocument(readPlanFile(args[0]));
    const plan = parsePlan(document.text);
    const source = { format: document.format, ...(document.taskRows.length > 0 ? { taskRows: document.taskRows } : {}) };
    output.stdout(`${JSON.stringify({ ...plan, source }, null, 2)}\n`);
    return 0;
  } catch (error) {
    output.stderr(`plan:parse: ${describeFailure(error)}\n`);
    return 1;
  }
}

class UsageError extends Error {}

function readPlanFile(file: string | undefined): Buffer {
  if (!file) throw new UsageError('缺少文件参数 / missing file argument — usage: plan-parser <file>');
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch (error) {
    throw new UsageError(describeFsError(error, file));
  }
  if (isDirectory) throw new UsageError(`是目录而不是文件 / is a directory: ${file}`);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(describeFsError(error, file));
  }
}

function describeFsError(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `文件不存在 / file not found: ${file}`;
  if (code === 'EACCES' || code === 'EPERM') return `无权读取文件 / permission denied: ${file}`;
  return `无法读取文件 / cannot read ${file}: ${code ?? String(error)}`;
}

function describeFailure(error: unknown): string {
  if (error instanceof PlanParseError || error instanceof PlanReadError || error instanceof UsageError) return error.message;
  // Anything else is a bug in the parser; still one line, so the caller's output stays parseable.
  return `内部错误 / internal error: ${error instanceof Error ? error.message : String(error)}`.replace(/\s*\n\s*/g, ' ');
}
