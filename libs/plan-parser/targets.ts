// Indicators (目标指标) wherever a plan states them: a target chapter's paragraphs, a 主要目标
// paragraph (主要目标：到2024年底，……达到……；……控制在……以下), a section's own 主要指标 list.
import { extractQuantities } from './quantities';

/** A heading about goals: 主要目标, 主要目标指标, 工作目标, 目标任务, 发展指标 … (short, no comma). */
const TARGET_HEADING = /^(?:[^，,；;。：:]{0,6}?)(?:主要|工作|发展|预期|总体|年度|具体|核心)?(?:目标|指标)(?:指标|任务|要求)?(?:[。：:]|$)/;

export function isTargetHeading(text: string): boolean {
  const match = TARGET_HEADING.exec(text);
  return match !== null && !/[，,]/.test(match[0]);
}

/** The text after 主要目标：/ 主要指标是： / 工作目标： in a paragraph (undefined without one). */
const TARGET_CLAUSE = /(?:^|[。；;\s])(?:[^，,。；;：:]{0,4}?)(?:主要|工作|发展|预期|年度|总体)?(?:目标|指标)(?:任务)?(?:是|为)?[：:]/;

export function targetClause(text: string): string | undefined {
  const match = TARGET_CLAUSE.exec(text);
  return match ? text.slice(match.index + match[0].length) : undefined;
}

/** A sentence that commits to a level: a quantity, a rate, or 完成/达到…目标/任务. */
export function looksLikeIndicator(text: string): boolean {
  return extractQuantities(text).length > 0 || /[%％‰]|(?:完成|达到|实现)[^，。；]{0,15}(?:目标|任务|要求|标准)/.test(text);
}

/**
 * The indicator sentences of a target paragraph, each ending in 。: every clause (split at ；) of its
 * first sentence — the list a 主要目标： opens — then any later sentence that states a level.
 */
export function indicatorSentences(text: string): string[] {
  const end = text.indexOf('。');
  const first = end === -1 ? text : text.slice(0, end + 1);
  const later = end === -1 ? '' : text.slice(end + 1);
  const pieces = (first.match(/[^；;。]+/g) ?? []).map((piece) => piece.trim()).filter(Boolean);
  const more = (later.match(/[^。]+。?/g) ?? []).map((piece) => piece.trim()).filter((piece) => piece && looksLikeIndicator(piece));
  return [...pieces.map((piece) => `${piece.replace(/[，,、：:]+$/, '')}。`), ...more.map((piece) => piece.replace(/([^。])$/, '$1。'))];
}
