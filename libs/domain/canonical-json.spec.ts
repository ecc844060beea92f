import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('is the same for the same content in any key order', () => {
    expect(canonicalJson({ x: '督办', y: null })).toBe(canonicalJson({ y: null, x: '督办' }));
  });
});
