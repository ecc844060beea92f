// Small line rules the readers share. The parser has the full rules; these only decide how a
// reader lays lines out (whether a line already carries its number, whether it opens a chapter).

const NUMERAL = '[一二三四五六七八九十]{1,3}';
const CHAPTER = new RegExp(`^${NUMERAL}\\s*[、．.]`);
const NUMBERED = new RegExp(`^(?:${NUMERAL}\\s*[、．.]|[（(]\\s*(?:${NUMERAL}|\\d{1,3})\\s*[）)]|[0-9０-９]{1,3}\\s*[.．、](?![0-9０-９])|${NUMERAL}是)`);

/** The line starts with a number of its own (一、 （一） 1. （1） 一是). */
export const isNumbered = (line: string) => NUMBERED.test(line);

/** The line is a chapter heading (一、…). */
export const isChapterHeading = (line: string) => CHAPTER.test(line);

/** The first year a plan's opening lines name (`2024年`, `2024 年`). */
export function yearNamed(line: string): number | undefined {
  const match = /((?:19|20)\d{2})\s*年/.exec(line.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return match ? Number(match[1]) : undefined;
}
