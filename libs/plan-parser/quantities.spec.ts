import { extractQuantities } from './quantities';

describe('extractQuantities', () => {
  it('reads the noun before the number when the number ends the clause', () => {
    expect(extractQuantities('新完成农村生活污水治理村庄600个，完成现有82处农村黑臭水体治理。')).toEqual([
      { value: 600, unit: '个', text: '农村生活污水治理村庄' },
      { value: 82, unit: '处', text: '农村黑臭水体' },
    ]);
  });

  it('reads the noun after the unit, up to a verb, conjunction or rate', () => {
    expect(extractQuantities('对全市42家重点排放单位开展碳排放核查')).toEqual([{ value: 42, unit: '家', text: '重点排放单位' }]);
    expect(extractQuantities('完善142个镇街空气站和出租车走航系统')).toEqual([{ value: 142, unit: '个', text: '镇街空气站' }]);
    expect(extractQuantities('16处城镇级及以上集中式饮用水水源地水质达标率保持100%。')).toEqual([
      { value: 16, unit: '处', text: '城镇级及以上集中式饮用水水源地' },
      { value: 100, unit: '%', text: '水质达标率' },
    ]);
  });

  it('takes a whole enumeration closed by 等', () => {
    expect(extractQuantities('全年召开新闻发布会、新闻通气会等12次。')).toEqual([{ value: 12, unit: '次', text: '新闻发布会、新闻通气会' }]);
  });

  it('accepts a space before the unit, full-width digits and qualifiers', () => {
    expect(extractQuantities('挥发性有机物4 项主要污染物全面完成')).toEqual([{ value: 4, unit: '项', text: '主要污染物' }]);
    expect(extractQuantities('挥发性有机物4 项 主要污染物全面完成')).toEqual([{ value: 4, unit: '项', text: '主要污染物' }]);
    expect(extractQuantities('培训干部 200 人次。')).toEqual([{ value: 200, unit: '人次', text: '培训干部' }]);
    expect(extractQuantities('召开会议１２次。')).toEqual([{ value: 12, unit: '次', text: '会议' }]);
    expect(extractQuantities('优良率达到95%以上。')).toEqual([{ value: 95, unit: '%', text: '优良率' }]);
    expect(extractQuantities('达标率９８．５％；')).toEqual([{ value: 98.5, unit: '%', text: '达标率' }]);
    expect(extractQuantities('达标率98.5％；')).toEqual([{ value: 98.5, unit: '%', text: '达标率' }]);
    expect(extractQuantities('完成100余个村庄整治')).toEqual([{ value: 100, unit: '个', text: '村庄' }]);
  });

  it('prefers the longest unit and keeps a 万 multiplier in the unit', () => {
    expect(extractQuantities('浓度下降2个百分点。')).toEqual([{ value: 2, unit: '个百分点', text: '浓度' }]);
    expect(extractQuantities('治理水土流失面积12平方公里。')).toEqual([{ value: 12, unit: '平方公里', text: '治理水土流失面积' }]);
    expect(extractQuantities('造林1.5万亩。削减排放3万吨。')).toEqual([
      { value: 1.5, unit: '万亩', text: '造林' },
      { value: 3, unit: '万吨', text: '削减排放' },
    ]);
    for (const unit of ['座', '条', '件', '吨', '公里', '千米', '亩', '人', '所', '台', '辆', '套', '场', '期', '批']) {
      expect(extractQuantities(`建成设施3${unit}。`)).toEqual([{ value: 3, unit, text: '设施' }]);
    }
    // The verb is not what is counted; with no noun left the text is empty.
    expect(extractQuantities('完成3座。')).toEqual([{ value: 3, unit: '座', text: '' }]);
  });

  it('ignores years, dates, times, identifiers, ordinals and tonnage classes', () => {
    const noise = [
      '2022年底前完成',
      '组织完成2022年度统计',
      '3月15日前',
      '全天24小时实时监控',
      '细颗粒物(PM2.5)平均浓度',
      '执行GB3095-2012标准',
      '第3批试点',
      '完成10万吨级以上码头治理',
      'Ⅲ类以上比例',
      '“十四五”规划',
    ];
    for (const text of noise) expect({ text, quantities: extractQuantities(text) }).toEqual({ text, quantities: [] });
  });

  it('caps the counted phrase at 20 characters', () => {
    const [found] = extractQuantities('建成3个国家级生态文明建设示范区与绿水青山就是金山银山实践创新基地之外的其他基地');
    expect(found.text).toBe('国家级生态文明建设示范区');
    const [long] = extractQuantities('建成3个一二三四五六七八九十一二三四五六七八九十一二三');
    expect(long.text).toHaveLength(20);
  });

  it('reads a value without a unit only after a linking verb', () => {
    expect(extractQuantities('营商环境发展指数达85。')).toEqual([{ value: 85, unit: '', text: '营商环境发展指数' }]);
    expect(extractQuantities('群众满意度保持在95以上')).toEqual([{ value: 95, unit: '', text: '群众满意度' }]);
    for (const noise of ['达到2025年目标', '提高到3月底', '为1:1配套', '达3级']) expect({ noise, q: extractQuantities(noise) }).toEqual({ noise, q: [] });
  });

  it('reads 岁, 万 with any unit or alone, rates per 10万 and per mille', () => {
    expect(extractQuantities('人均预期寿命达到79.5岁。')).toEqual([{ value: 79.5, unit: '岁', text: '人均预期寿命' }]);
    expect(extractQuantities('服务群众1000万人。')).toEqual([{ value: 1000, unit: '万人', text: '服务群众' }]);
    expect(extractQuantities('年接待游客突破1000万。')).toEqual([{ value: 1000, unit: '万', text: '年接待游客' }]);
    expect(extractQuantities('孕产妇死亡率控制在10/10万以下，婴儿死亡率控制在4‰以下。')).toEqual([
      { value: 10, unit: '/10万', text: '孕产妇死亡率' },
      { value: 4, unit: '‰', text: '婴儿死亡率' },
    ]);
  });

  it('does not count an age bracket or a duration', () => {
    expect(extractQuantities('65岁以上老年人健康管理率达到70%。')).toEqual([{ value: 70, unit: '%', text: '65岁以上老年人健康管理率' }]);
    expect(extractQuantities('企业开办时间压减至1个工作日以内。')).toEqual([]);
  });
});
