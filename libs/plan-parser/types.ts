// The structured form of a 工作要点 document. Codes are the document's own numbering
// (chapter numeral, section numeral, measure number) so they stay stable references to the text.

/** A number the plan commits to: `600 个 农村生活污水治理村庄`, `100 % 水质达标率`. */
export interface Quantity {
  value: number;
  unit: string;
  /** What the number counts, as written near it (a short noun phrase, may be empty). */
  text: string;
}

/**
 * An indicator: one paragraph of a target chapter (一、主要目标指标), code `<chapter>.<item>`, e.g.
 * `1.2`; or one indicator sentence of a 主要目标 paragraph or a section's own indicator list, code
 * `<paragraph code>.<n>` (`0.<n>` for a paragraph before the first chapter).
 */
export interface TargetIndicator {
  code: string;
  text: string;
  quantities: Quantity[];
}

/**
 * A work item (措施), code `<chapter>.<section>.<number>`, e.g. `2.1.1`. A level the document does
 * not have is left out of the code as a reader would: `1.2` for item 2 straight under chapter 一,
 * `3` for paragraph （三） of a plan without chapters. The optional fields are present only when the
 * document says something (so the JSON of a plain plan is unchanged).
 */
export interface Measure {
  code: string;
  /** First sentence, without its 。 */
  title: string;
  /** Everything after the first sentence (may be ''); a lead clause such as （办公室牵头） is taken out. */
  body: string;
  quantities: Quantity[];
  /** The measure's checklist: its （1）（2）/①② sub-items, or 一是……二是…… inside it, in order. */
  subItems?: string[];
  /** Who leads, as written: `机关党委` from （机关党委牵头，各处室配合）, 牵头单位：…, the first of 责任单位：… */
  leadText?: string;
  /** Who co-operates, as written: `各处室`, 配合单位：…, the rest of 责任单位：… */
  coText?: string;
  /** A deadline as written (完成时限：2024年6月底前), not interpreted. */
  deadlineText?: string;
}

export interface Section {
  code: string;
  title: string;
  measures: Measure[];
}

export interface Chapter {
  code: string;
  title: string;
  sections: Section[];
}

/**
 * Something a person should check before importing: `level_guessed` a level the document lacks
 * (items straight under a chapter, paragraphs or 一是 read as measures), `number_skipped` a gap in
 * a numbering (1, 2, 4), `untitled_measure` a measure with no text. `at` is the code concerned.
 */
export type PlanWarningCode = 'level_guessed' | 'number_skipped' | 'untitled_measure';

export interface PlanWarning {
  code: PlanWarningCode;
  at: string;
  /** Plain Chinese, for the preview. */
  message: string;
}

export interface Plan {
  year: number;
  title: string;
  targets: TargetIndicator[];
  /** Only the chapters that hold measures; the target chapter is in `targets`. */
  chapters: Chapter[];
  /** Present only when there is something to check. */
  warnings?: PlanWarning[];
}
