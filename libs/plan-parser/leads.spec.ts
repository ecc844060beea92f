import { extractLeads } from './leads';

describe('extractLeads', () => {
  it.each<[string, string, Record<string, string>]>([
    ['（机关党委牵头，各处室配合）', '落实主体责任。（机关党委牵头，各处室配合）', { leadText: '机关党委', coText: '各处室', text: '落实主体责任。' }],
    ['a parenthesis before the final 。', '推进分级诊疗（医政处牵头，基层处、财务处配合）。', { leadText: '医政处', coText: '基层处、财务处', text: '推进分级诊疗。' }],
    ['half-width brackets', '推进分级诊疗(医政处牵头)', { leadText: '医政处', text: '推进分级诊疗' }],
    ['牵头单位：…；责任单位：…', '完善制度。牵头单位：办公室；责任单位：各处室', { leadText: '办公室', coText: '各处室', text: '完善制度。' }],
    ['责任单位 alone: the first named leads', '加强扬尘管控。责任单位：大气处、执法支队、监测中心', { leadText: '大气处', coText: '执法支队、监测中心', text: '加强扬尘管控。' }],
    ['配合单位 and 完成时限', '深化改革。牵头单位：环评处；配合单位：法规处；完成时限：2023年12月底前', { leadText: '环评处', coText: '法规处', deadlineText: '2023年12月底前', text: '深化改革。' }],
    ['labelled clauses in a parenthesis', '建设项目（牵头单位：规划科；配合单位：财务科）', { leadText: '规划科', coText: '财务科', text: '建设项目' }],
    ['unlabelled and a deadline in one parenthesis', '建设工程（规划股牵头，财务股配合；完成时限：2024年12月底前）', { leadText: '规划股', coText: '财务股', deadlineText: '2024年12月底前', text: '建设工程' }],
    ['负责', '做好统计（运输管理股负责）', { leadText: '运输管理股', text: '做好统计' }],
    ['按职责分工负责', '开展建设（运输管理股、执法大队按职责分工负责）', { leadText: '运输管理股', coText: '执法大队', text: '开展建设' }],
    ['参与 and an unlabelled deadline', '开展调查（监测处牵头，各分局参与，2024年6月底前完成）', { leadText: '监测处', coText: '各分局', deadlineText: '2024年6月底前完成', text: '开展调查' }],
  ])('%s', (_, text, expected) => {
    expect(extractLeads(text)).toEqual(expected);
  });

  it.each([
    '推动检察公益诉讼与生态环境损害赔偿工作中加强协作配合的意见办法。',
    '细颗粒物(PM2.5)平均浓度下降。',
    '近岸海域水质优良(一、二类)面积比例达到目标。',
    '完成整治任务（2024年底前）。',
    '由市政府牵头建立联席会议制度。',
    '落实“河长制”（含配合单位的考核）。',
  ])('leaves prose alone: %s', (text) => {
    expect(extractLeads(text)).toEqual({ text });
  });
});
