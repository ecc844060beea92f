import { measureWorkflowId, parseMeasureId, measureId } from './ids';

describe('ids', () => {
  it('names workflows measure-<year>-<code>', () => {
    expect(measureWorkflowId(2022, '2.1.1')).toBe('measure-2022-2.1.1');
  });
  it('round-trips measure ids and rejects garbage', () => {
    expect(parseMeasureId(measureId(2022, '2.1.1'))).toEqual({ year: 2022, code: '2.1.1' });
    expect(parseMeasureId('2022-')).toBeUndefined();
    expect(parseMeasureId("2022-1' OR 1=1")).toBeUndefined();
  });
});
