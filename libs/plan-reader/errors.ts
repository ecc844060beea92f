// Why a file cannot be read as a plan document at all (before any parsing): each has a stable code
// and a plain Chinese message (with English after the slash, like the parser's messages).

export type PlanReadErrorCode = 'unsupported_format' | 'legacy_office' | 'damaged' | 'encrypted' | 'no_text_layer';

const MESSAGES: Record<PlanReadErrorCode, string> = {
  unsupported_format:
    '不支持的文件格式：请提供 Word（.docx）、Excel（.xlsx）、PDF、网页（.html）或文本（.txt）文件 / unsupported format: not a text document, .docx, .xlsx, .pdf or .html',
  legacy_office: '这是旧版 Office/WPS 格式（.doc、.xls、.wps），请另存为 .docx、.xlsx 或 PDF 后再导入 / legacy .doc/.xls/.wps file: save it as .docx, .xlsx or PDF',
  damaged: '文件已损坏或不完整，无法读取，请重新导出或下载后再试 / the file is damaged or truncated',
  encrypted: '该文件已加密（设有打开密码），请提供未加密的文件 / the file is password-protected',
  no_text_layer: '该 PDF 没有文字层（可能是扫描件），请提供 Word 或可复制文字的 PDF / this PDF has no text layer (a scan?)',
};

export class PlanReadError extends Error {
  override readonly name = 'PlanReadError';

  constructor(
    readonly code: PlanReadErrorCode,
    /** What the underlying reader said (for logs; not shown to users). */
    readonly detail = '',
  ) {
    super(MESSAGES[code]);
  }
}
