/// <reference types="jest" />
import { ROLES } from '@duban/domain';
import { homePathFor } from '../pages/homePath';
import { mayOpen, PAGE_ROLES, type PagePath } from './pageAccess';

describe('page access', () => {
  it('keeps the supervision page to leaders, supervisors and the admin', () => {
    expect(ROLES.filter((role) => mayOpen('/supervision', role))).toEqual(['admin', 'leader', 'supervisor']);
    expect(mayOpen('/admin', 'leader')).toBe(false);
    expect(mayOpen('/plan-settings', 'staff')).toBe(false);
  });

  it('lets every role open the pages everyone works from', () => {
    for (const page of ['/dashboard', '/measures', '/my-tasks', '/notifications', '/password'] as PagePath[]) {
      for (const role of ROLES) expect(mayOpen(page, role)).toBe(true);
    }
  });

  it('gives every page at least one role, and each role a start page it may open', () => {
    for (const roles of Object.values(PAGE_ROLES)) expect(roles.length).toBeGreaterThan(0);
    for (const role of ROLES) expect(mayOpen(homePathFor(role) as PagePath, role)).toBe(true);
  });
});
