// Expected ways a document can fail to be a work plan. Each has a stable code for callers and
// a one-line Chinese / English message that can be shown to the person importing the file.

export type PlanParseErrorCode = 'empty' | 'binary' | 'no_title' | 'no_measures' | 'duplicate_code';

const MESSAGES: Record<PlanParseErrorCode, (detail: string) => string> = {
  empty: () => '文档为空 / document is empty',
  binary: () => '不是文本文档（二进制内容或编码无法识别） / not a text document (binary or unknown encoding)',
  no_title: () => '不是工作要点文档：未找到标题（……年工作要点） / not a work plan: no title "…年工作要点" found',
  no_measures: () => '未找到编号措施（如“1.……”） / no numbered measures (like "1.…") found under the chapters',
  duplicate_code: (code) => `编号重复：${code} / duplicate code ${code}`,
};

export class PlanParseError extends Error {
  override readonly name = 'PlanParseError';

  constructor(
    readonly code: PlanParseErrorCode,
    /** The offending code for `duplicate_code`; unused otherwise. */
    readonly detail = '',
  ) {
    super(MESSAGES[code](detail));
  }
}
