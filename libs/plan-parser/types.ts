// The structured form of a 工作要点 document. Codes are the document's own numbering
// (chapter numeral, section numeral, measure number) so they stay stable references to the text.

/** A number the plan commits to: `600 个 农村生活污水治理村庄`, `100 % 水质达标率`. */
export interface Quantity {
  value: number;
  unit: string;
  /** What the number counts, as written near it (a short noun phrase, may be empty). */
  text: string;
}

/** One paragraph of the target chapter (一、主要目标指标), code `<chapter>.<item>`, e.g. `1.2`. */
export interface TargetIndicator {
  code: string;
  text: string;
  quantities: Quantity[];
}

/** A numbered measure, code `<chapter>.<section>.<number>`, e.g. `2.1.1`. */
export interface Measure {
  code: string;
  /** First sentence, without its 。 */
  title: string;
  /** Everything after the first sentence (may be ''). */
  body: string;
  quantities: Quantity[];
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

export interface Plan {
  year: number;
  title: string;
  targets: TargetIndicator[];
  /** Only the chapters that hold measures; the target chapter is in `targets`. */
  chapters: Chapter[];
}
