import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlan, type Measure, type Plan, type Quantity } from './index';

const SEED = readFileSync(path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt'), 'utf8');

function allMeasures(plan: Plan): Measure[] {
  return plan.chapters.flatMap((chapter) => chapter.sections.flatMap((section) => section.measures));
}

function measureByCode(plan: Plan, code: string): Measure {
  const found = allMeasures(plan).find((measure) => measure.code === code);
  if (!found) throw new Error(`no measure ${code}`);
  return found;
}

function quantity(list: Quantity[], value: number, unit: string): Quantity {
  const found = list.find((q) => q.value === value && q.unit === unit);
  if (!found) throw new Error(`no ${value} ${unit} in ${JSON.stringify(list)}`);
  return found;
}

describe('parsePlan on the Qingdao 2022 seed', () => {
  const plan = parsePlan(SEED);

  it('reads year and title from the title line, not the page chrome', () => {
    expect(plan.year).toBe(2022);
    expect(plan.title).toBe('青岛市生态环境局2022年工作要点');
  });

  it('turns chapter 一、主要目标指标 into six target indicators', () => {
    expect(plan.targets.map((t) => t.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);
    expect(plan.targets[0].text).toBe(
      '环境空气方面。细颗粒物(PM2.5)平均浓度、优良天数比例完成省下达的任务目标;6项主要污染物全面达到国家二级标准。',
    );
    expect(plan.targets[3].text).toBe('土壤环境方面。重点建设用地安全利用得到有效保障。');
  });

  it('has chapters 2–6 with 17 sections and 57 measures in document order', () => {
    expect(plan.chapters.map((c) => c.code)).toEqual(['2', '3', '4', '5', '6']);
    expect(plan.chapters.map((c) => c.sections.length)).toEqual([3, 3, 5, 3, 3]);
    expect(plan.chapters.map((c) => c.sections.flatMap((s) => s.measures).length)).toEqual([16, 11, 14, 7, 9]);
    const codes = allMeasures(plan).map((m) => m.code);
    expect(codes).toHaveLength(57);
    expect(codes.slice(0, 7)).toEqual(['2.1.1', '2.1.2', '2.1.3', '2.1.4', '2.1.5', '2.2.1', '2.2.2']);
    expect(new Set(codes).size).toBe(57);
  });

  it('keeps chapter and section titles without markers or final 。', () => {
    expect(plan.chapters[0].title).toBe('以改善生态环境质量为核心,深入打好污染防治攻坚战');
    expect(plan.chapters[4].title).toBe('以高质量党建为引领,加强生态环保铁军建设');
    expect(plan.chapters[0].sections.map((s) => [s.code, s.title])).toEqual([
      ['2.1', '协同治理打好蓝天保卫战'],
      ['2.2', '“三水统筹”打好碧水保卫战'],
      ['2.3', '系统防治打好净土保卫战'],
    ]);
    expect(plan.chapters[2].sections[4]).toMatchObject({ code: '4.5', title: '强化科技支撑' });
    expect(plan.chapters[4].sections[2].title).toBe('聚焦夯基固本,提升干部队伍履职能力');
  });

  it('titles the first and last measure of every chapter with its first sentence', () => {
    const firstAndLast = plan.chapters.map((chapter) => {
      const measures = chapter.sections.flatMap((s) => s.measures);
      const last = measures[measures.length - 1];
      return [measures[0].code, measures[0].title, last.code, last.title];
    });
    expect(firstAndLast).toEqual([
      ['2.1.1', '深化挥发性有机物治理攻坚', '2.3.5', '提升危险废物管理水平'],
      ['3.1.1', '统筹推进应对气候变化和生态环境保护工作', '3.3.4', '创新环境治理模式'],
      ['4.1.1', '完善统筹工作机制', '4.5.3', '抓好环保技术研发与转化应用'],
      ['5.1.1', '加强生态保护监管', '5.3.3', '提高应急处置能力'],
      ['6.1.1', '强化党建统领', '6.3.3', '抓好干部监督管理'],
    ]);
  });

  it('puts the rest of the paragraph in the body', () => {
    expect(measureByCode(plan, '2.1.1').body).toBe(
      '重点加强工业源排放深度治理,实施一批石化、有机化工、工业涂装等工业园区、企业集群和重点行业企业VOCs治理项目。',
    );
    expect(measureByCode(plan, '5.3.3').body).toBe('常态化开展突发环境事件应急演练。建设市级突发环境事件应急物资储备库。');
  });

  it('extracts the quantified targets onto the right items', () => {
    const rural = measureByCode(plan, '2.2.6');
    expect(rural.title).toBe('推进农村生活污水治理和农村黑臭水体治理');
    expect(rural.quantities).toEqual([
      { value: 600, unit: '个', text: '农村生活污水治理村庄' },
      { value: 82, unit: '处', text: '农村黑臭水体' },
    ]);
    expect(measureByCode(plan, '3.1.2').quantities).toEqual([{ value: 42, unit: '家', text: '重点排放单位' }]);
    expect(measureByCode(plan, '4.5.2').quantities).toEqual([{ value: 142, unit: '个', text: '镇街空气站' }]);
    const pressEvents = measureByCode(plan, '4.4.2').quantities;
    expect(pressEvents).toHaveLength(1);
    expect(quantity(pressEvents, 12, '次').text).toContain('新闻发布会');

    const water = plan.targets[1].quantities;
    expect(quantity(water, 20, '个').text).toBe('国省控地表水水质断面');
    expect(quantity(water, 16, '处').text).toContain('饮用水水源地');
    expect(quantity(water, 100, '%').text).toBe('水质达标率');
    expect(plan.targets[0].quantities).toEqual([{ value: 6, unit: '项', text: '主要污染物' }]);
    expect(plan.targets[5].quantities).toEqual([{ value: 4, unit: '项', text: '主要污染物' }]);
  });

  it('does not mistake years, hours or PM2.5 for quantities', () => {
    expect(measureByCode(plan, '2.1.4').quantities).toEqual([]); // 全天24小时
    expect(measureByCode(plan, '3.3.3').quantities).toEqual([]); // 2022年度
    expect(plan.targets[0].quantities.map((q) => q.value)).not.toContain(2.5); // PM2.5
    const everything = [...plan.targets, ...allMeasures(plan)].flatMap((item) => item.quantities);
    expect(everything.map((q) => `${q.value}${q.unit}`).sort()).toEqual(
      ['1个', '100%', '12次', '142个', '16处', '2个', '20个', '4项', '42家', '6项', '600个', '82处'].sort(),
    );
  });
});

describe('parsePlan on layout variants of the seed', () => {
  const expected = parsePlan(SEED);
  const mapLines = (text: string, map: (line: string) => string) => text.split('\n').map(map).join('\n');
  const toFullWidthDigits = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const SECTION_MARKER = /^(\s*)\(([一二三四五六七八九十]+)\)/;
  const MEASURE_MARKER = /^(\s*)(\d+)\./;
  const TOP_CHROME = [
    '首页 > 政务公开 > 规划计划',
    '【字体：大 中 小】【打印本页】【关闭窗口】',
    '相关链接',
    '青岛市生态环境局2021年工作要点',
    '1.关于印发2021年工作要点的通知',
    '',
  ].join('\n');
  const BOTTOM_CHROME = [
    '【打印本页】【关闭窗口】',
    '扫一扫在手机打开当前页',
    '相关链接：',
    '1.青岛市生态环境局2021年工作要点',
    '(一)青岛市生态环境局2020年工作要点',
    '青岛政务网',
    '版权所有：青岛市人民政府办公厅　鲁ICP备05000000号',
  ].join('\n');

  const variants: Record<string, (text: string) => string> = {
    'CRLF line ends': (text) => text.replace(/\n/g, '\r\n'),
    'CR line ends': (text) => text.replace(/\n/g, '\r'),
    'UTF-8 BOM': (text) => `\ufeff${text}`,
    'full-width section parentheses （一）': (text) => mapLines(text, (line) => line.replace(SECTION_MARKER, '$1（$2）')),
    'mixed （一) parentheses': (text) => mapLines(text, (line) => line.replace(SECTION_MARKER, '$1（$2)')),
    'section headings without final 。': (text) => mapLines(text, (line) => line.replace(/^(\s*\([一二三四五六七八九十]+\)[^。]*)。$/, '$1')),
    '1、 numbering': (text) => mapLines(text, (line) => line.replace(MEASURE_MARKER, '$1$2、')),
    'full-width digits and dot １．': (text) => mapLines(text, (line) => line.replace(MEASURE_MARKER, (_, indent: string, n: string) => `${indent}${toFullWidthDigits(n)}．`)),
    'half-width digits with full-width dot 1．': (text) => mapLines(text, (line) => line.replace(MEASURE_MARKER, '$1$2．')),
    'page chrome at top and bottom': (text) => `${TOP_CHROME}\n${text}\n${BOTTOM_CHROME}\n`,
    'no indentation': (text) => mapLines(text, (line) => line.trimStart()),
    'full-width space indentation': (text) => mapLines(text, (line) => line.replace(/^\s+/, '\u3000\u3000')),
    'tab indentation and trailing spaces': (text) => mapLines(text, (line) => line.replace(/^\s+/, '\t').replace(/\S$/, '$&  ')),
    'no blank lines': (text) => text.replace(/\n\s*\n/g, '\n').replace(/\n\s*\n/g, '\n'),
    'measure paragraphs wrapped after the first sentence': (text) => mapLines(text, (line) => (MEASURE_MARKER.test(line) ? line.replace('。', '。\n') : line)),
    'everything at once': (text) =>
      `${TOP_CHROME}\n${mapLines(text, (line) => line.replace(SECTION_MARKER, '$1（$2）').replace(MEASURE_MARKER, '$1$2、').replace(/^\s+/, '\t'))}\n${BOTTOM_CHROME}`
        .replace(/\n\s*\n/g, '\n')
        .replace(/\n/g, '\r\n'),
  };

  it.each(Object.keys(variants))('%s', (name) => {
    const variant = variants[name](SEED);
    expect(variant).not.toBe(SEED);
    expect(parsePlan(variant)).toEqual(expected);
  });
});

describe('parsePlan on other plans', () => {
  const WATER_PLAN = `某市水务局2025年工作要点
发布时间：2025-01-20　来源：市水务局
2025年是“十四五”规划收官之年。全市水务工作总体要求如下。
一、保障城乡供水安全
（一）提升供水保障能力
1．新建改造供水管网120公里，完成15座加压泵站改造。
2．推进城乡供水一体化
到2025年底前，农村自来水普及率达到98%以上。
（二）强化水质监管
1．加强水源地保护。完成１２处水源地规范化建设。
二、推进海绵城市建设
（一）系统推进海绵城市建设
1．新增海绵城市达标面积3.5平方公里。城市生活污水集中收集率提高2个百分点。
2．完成第3批试点项目验收。
扫一扫在手机打开当前页
`;

  it('parses a plan without a target chapter, numbering chapters by their numerals', () => {
    const plan = parsePlan(WATER_PLAN);
    expect(plan).toMatchObject({ year: 2025, title: '某市水务局2025年工作要点', targets: [] });
    expect(plan.chapters.map((c) => [c.code, c.title])).toEqual([
      ['1', '保障城乡供水安全'],
      ['2', '推进海绵城市建设'],
    ]);
    expect(plan.chapters[0].sections.map((s) => [s.code, s.title])).toEqual([
      ['1.1', '提升供水保障能力'],
      ['1.2', '强化水质监管'],
    ]);
    expect(allMeasures(plan).map((m) => [m.code, m.title])).toEqual([
      ['1.1.1', '新建改造供水管网120公里，完成15座加压泵站改造'],
      ['1.1.2', '推进城乡供水一体化'],
      ['1.2.1', '加强水源地保护'],
      ['2.1.1', '新增海绵城市达标面积3.5平方公里'],
      ['2.1.2', '完成第3批试点项目验收'],
    ]);
  });

  it('takes a measure heading on a line of its own as the title, its paragraph below as the body', () => {
    expect(measureByCode(parsePlan(WATER_PLAN), '1.1.2')).toMatchObject({ title: '推进城乡供水一体化', body: '到2025年底前，农村自来水普及率达到98%以上。' });
  });

  it('extracts its quantities, leaving out years and ordinals', () => {
    const plan = parsePlan(WATER_PLAN);
    expect(measureByCode(plan, '1.1.1').quantities).toEqual([
      { value: 120, unit: '公里', text: '供水管网' },
      { value: 15, unit: '座', text: '加压泵站' },
    ]);
    expect(measureByCode(plan, '1.1.2').quantities).toEqual([{ value: 98, unit: '%', text: '农村自来水普及率' }]);
    expect(measureByCode(plan, '1.2.1').quantities).toEqual([{ value: 12, unit: '处', text: '水源地' }]);
    expect(measureByCode(plan, '2.1.1').quantities).toEqual([
      { value: 3.5, unit: '平方公里', text: '海绵城市达标面积' },
      { value: 2, unit: '个百分点', text: '城市生活污水集中收集率' },
    ]);
    expect(measureByCode(plan, '2.1.2').quantities).toEqual([]);
  });

  it('gives a measure without 。 its whole text as title and an empty body', () => {
    const plan = parsePlan('2024年工作安排\n一、重点工作\n(一)基础工作\n1.完善制度\n2.加强培训。每季度组织1次。\n');
    expect(plan.year).toBe(2024);
    expect(measureByCode(plan, '1.1.1')).toEqual({ code: '1.1.1', title: '完善制度', body: '', quantities: [] });
    expect(measureByCode(plan, '1.1.2')).toMatchObject({ title: '加强培训', body: '每季度组织1次。' });
  });

  it('skips a prose chapter such as 总体要求 and keeps target numbering from the document', () => {
    const plan = parsePlan(
      [
        '某区2023年度生态环境保护工作计划',
        '一、总体要求',
        '（一）指导思想。以……为指导。',
        '二、主要目标',
        '（一）空气质量优良天数比例达到80%。',
        '三、重点任务',
        '（一）大气污染防治',
        '1.淘汰燃煤锅炉10台。',
      ].join('\n'),
    );
    expect(plan.title).toBe('某区2023年度生态环境保护工作计划');
    expect(plan.targets).toEqual([
      { code: '2.1', text: '空气质量优良天数比例达到80%。', quantities: [{ value: 80, unit: '%', text: '空气质量优良天数比例' }] },
    ]);
    expect(plan.chapters.map((c) => c.code)).toEqual(['3']);
    expect(measureByCode(plan, '3.1.1').quantities).toEqual([{ value: 10, unit: '台', text: '淘汰燃煤锅炉' }]);
  });

  it('codes measures written straight under a chapter <chapter>.<n>, in a section without a title', () => {
    const plan = parsePlan('某局2026年工作要点\n十一、其他工作\n1.做好统计。\n2.做好档案。\n');
    expect(plan.chapters).toEqual([
      {
        code: '11',
        title: '其他工作',
        sections: [
          {
            code: '11',
            title: '',
            measures: [
              { code: '11.1', title: '做好统计', body: '', quantities: [] },
              { code: '11.2', title: '做好档案', body: '', quantities: [] },
            ],
          },
        ],
      },
    ]);
  });

  it('files measures before a chapter\'s first section into section 0', () => {
    const plan = parsePlan('某局2026年工作要点\n二、其他工作\n1.做好统计。\n（一）档案\n1.做好档案。\n');
    expect(plan.chapters[0].sections.map((s) => [s.code, s.measures.map((m) => m.code)])).toEqual([
      ['2.0', ['2.0.1']],
      ['2.1', ['2.1.1']],
    ]);
  });

  it('treats chrome words as chrome only on lines that are not headings', () => {
    const plan = parsePlan('某局2026年工作要点\n一、政务公开\n(一)信息公开\n1.规范发布时间：按季度发布。\n2.相关链接：及时更新。\n相关链接：\n3.不属于本文\n');
    expect(allMeasures(plan).map((m) => m.title)).toEqual(['规范发布时间：按季度发布', '相关链接：及时更新']);
  });
});
