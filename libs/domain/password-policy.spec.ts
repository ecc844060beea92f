import { checkPasswordStrength } from './password-policy';

describe('checkPasswordStrength', () => {
  it('accepts a long password with three kinds of characters', () => {
    expect(checkPasswordStrength('Lake-Taihu-2024', 'water.staff1')).toEqual({ ok: true });
    expect(checkPasswordStrength('duban-demo-2022', 'admin')).toEqual({ ok: true });
    expect(checkPasswordStrength('青岛生态环境局2024ab', 'admin')).toEqual({ ok: true });
  });

  it('says in plain Chinese what is wrong', () => {
    expect(checkPasswordStrength('Ab1!', 'u')).toMatchObject({ ok: false, rule: 'length', message: '密码至少需要 10 位（现在 4 位）' });
    expect(checkPasswordStrength('abcdefghij12', 'u')).toMatchObject({ ok: false, rule: 'classes' });
    expect(checkPasswordStrength('Water.Staff1-x', 'water.staff1')).toMatchObject({ ok: false, rule: 'username', message: '密码不能包含用户名' });
    expect(checkPasswordStrength(`Aa1-${'x'.repeat(130)}`, 'u')).toMatchObject({ ok: false, rule: 'length' });
  });
});
