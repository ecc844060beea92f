import { passwordLoginAllowed, ssoLookupKey, ssoNewPerson, ssoReturnTo } from './sso';

const DIGEST = 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789';

describe('passwordLoginAllowed', () => {
  it('on: everyone; admins: admins only; off: nobody', () => {
    expect(passwordLoginAllowed('on', 'staff')).toBe(true);
    expect(passwordLoginAllowed('admins', 'admin')).toBe(true);
    expect(passwordLoginAllowed('admins', 'leader')).toBe(false);
    expect(passwordLoginAllowed('admins', undefined)).toBe(false);
    expect(passwordLoginAllowed('off', 'admin')).toBe(false);
  });
});

describe('ssoLookupKey', () => {
  it('lower-cases usernames, keeps a 统一身份标识 as given (trimmed), refuses missing or empty claims', () => {
    expect(ssoLookupKey(' Water.Staff1 ', 'username')).toBe('water.staff1');
    expect(ssoLookupKey(' E-Ab12 ', 'external_id')).toBe('E-Ab12');
    expect(ssoLookupKey(10086, 'external_id')).toBe('10086');
    expect(ssoLookupKey('', 'username')).toBeUndefined();
    expect(ssoLookupKey(undefined, 'username')).toBeUndefined();
    expect(ssoLookupKey({ a: 1 }, 'external_id')).toBeUndefined();
    expect(ssoLookupKey('x'.repeat(201), 'external_id')).toBeUndefined();
  });
});

describe('ssoNewPerson', () => {
  it('by username: the claim is the username, refused when it breaks the rule; the name when valid', () => {
    expect(ssoNewPerson('li.si', 'username', { name: '李四' }, DIGEST)).toEqual({ username: 'li.si', displayName: '李四', externalId: null });
    expect(ssoNewPerson('1abc', 'username', {}, DIGEST)).toEqual({ problem: expect.stringContaining('不符合本系统的用户名规则') });
    expect(ssoNewPerson('li.si', 'username', { name: '   ' }, DIGEST)).toMatchObject({ displayName: 'li.si' });
  });

  it('by 统一身份标识: preferred_username when valid, else sso-<digest>; the 标识 is kept', () => {
    expect(ssoNewPerson('E-1', 'external_id', { preferred_username: 'Wang.Wu', name: '王五' }, DIGEST)).toEqual({ username: 'wang.wu', displayName: '王五', externalId: 'E-1' });
    expect(ssoNewPerson('E-1', 'external_id', { preferred_username: '王五' }, DIGEST)).toEqual({ username: 'sso-abcdef0123', displayName: 'sso-abcdef0123', externalId: 'E-1' });
  });
});

describe('ssoReturnTo', () => {
  it('keeps a route inside the web app, drops anything that could leave it', () => {
    expect(ssoReturnTo('/measures/2022-1-1')).toBe('/measures/2022-1-1');
    expect(ssoReturnTo('/measures?state=overdue')).toBe('/measures?state=overdue');
    expect(ssoReturnTo(undefined)).toBeNull();
    expect(ssoReturnTo('//evil.example.com')).toBeNull();
    expect(ssoReturnTo('https://evil.example.com')).toBeNull();
    expect(ssoReturnTo('/a<script>')).toBeNull();
  });
});
