// A 工作要点 document of any size in the seed document's format (title line, 一、目标指标 chapter,
// then 二、三、… chapters of （一）（二）… sections of 1. 2. … measures), for the scale benchmarks.
// Measure codes are <chapter>.<section>.<n>: 100 measures a section, 20 sections a chapter.
import { parsePlan, type Plan } from '@duban/plan-parser';

const MEASURES_PER_SECTION = 100;
const SECTIONS_PER_CHAPTER = 20;
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`no 工作要点 numeral for ${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

const TOPICS = ['大气污染防治', '水生态环境保护', '海洋生态环境保护', '土壤污染防治', '应对气候变化', '固体废物治理', '核与辐射安全', '环评与排污许可', '生态环境监测', '执法监督'];

export function syntheticPlanText(year: number, measures: number): string {
  const perChapter = MEASURES_PER_SECTION * SECTIONS_PER_CHAPTER;
  const chapters = Math.ceil(measures / perChapter);
  if (chapters + 1 > 99) throw new RangeError(`a synthetic plan holds at most ${98 * perChapter} measures`);
  const lines = [
    `基准测试市生态环境局${year}年工作要点`,
    '',
    `以习近平新时代中国特色社会主义思想为指导，本文件为性能基准测试生成，共 ${measures} 项重点工作。`,
    '',
    '一、主要目标指标',
    '',
    '（一）环境空气方面。优良天数比例达到85%以上。',
    '',
    '（二）水生态环境方面。国省控断面水质优良比例达到80%。',
    '',
  ];
  let n = 0;
  for (let c = 0; c < chapters && n < measures; c++) {
    lines.push(`${chineseNumeral(c + 2)}、第${c + 2}部分重点工作（基准测试）`, '');
    for (let s = 0; s < SECTIONS_PER_CHAPTER && n < measures; s++) {
      const topic = TOPICS[(c * SECTIONS_PER_CHAPTER + s) % TOPICS.length];
      lines.push(`（${chineseNumeral(s + 1)}）扎实推进${topic}第${s + 1}组工作。`, '');
      for (let m = 1; m <= MEASURES_PER_SECTION && n < measures; m++, n++) {
        const code = `${c + 2}.${s + 1}.${m}`;
        const quantity = n % 4 === 0 ? `年内完成${10 + (n % 90)}个示范项目，` : '';
        lines.push(`${m}.推进${topic}重点事项${code}。${quantity}按时序进度报送工作进展，确保按期完成。`, '');
      }
    }
  }
  return lines.join('\n');
}

/** The synthetic document parsed by the real parser, checked to hold exactly `measures` measures. */
export function syntheticPlan(year: number, measures: number): { text: string; plan: Plan } {
  const text = syntheticPlanText(year, measures);
  const plan = parsePlan(text);
  const parsed = plan.chapters.reduce((sum, c) => sum + c.sections.reduce((m, s) => m + s.measures.length, 0), 0);
  if (plan.year !== year || parsed !== measures) {
    throw new Error(`the synthetic plan parsed as ${parsed} measures of ${plan.year}, expected ${measures} of ${year}`);
  }
  return { text, plan };
}
