import { inlineItems } from './inline';

describe('inlineItems', () => {
  it('reads 一是……二是……三是…… after a lead-in', () => {
    expect(inlineItems('做强特色农业。一是扩大种植规模；二是培育龙头企业；三是打造示范村3个。')).toEqual({
      lead: '做强特色农业',
      items: ['扩大种植规模', '培育龙头企业', '打造示范村3个'],
    });
  });

  it('reads （1）（2） and ①② runs', () => {
    expect(inlineItems('加强监管：（1）开展排查；（2）组织整治。')?.items).toEqual(['开展排查', '组织整治']);
    expect(inlineItems('加强监管。①规范标识；②开展检查。')?.items).toEqual(['规范标识', '开展检查']);
  });

  it('needs a run from one of at least two, each at a clause start', () => {
    expect(inlineItems('一是加强领导。')).toBeUndefined();
    expect(inlineItems('坚持全国一盘棋，统一是前提，二是……')).toBeUndefined();
    expect(inlineItems('二是加强领导；三是压实责任。')).toBeUndefined();
    expect(inlineItems('执行GB3095(2)标准，(1)不是编号')).toBeUndefined();
  });
});
