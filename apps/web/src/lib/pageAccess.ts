// Which roles each page of the web UI is for: one table for the routes (App.tsx), checked by the
// role gate. A page a role cannot use says 无权访问 plainly and offers the way home, instead of
// loading and showing the API's refusals. The menu (AppShell) lists a subset of these.
import { ROLES, type Role } from '@duban/domain';

const EVERYONE: readonly Role[] = ROLES;

export const PAGE_ROLES = {
  '/dashboard': EVERYONE,
  '/measures': EVERYONE,
  '/my-tasks': EVERYONE,
  '/notifications': EVERYONE,
  '/password': EVERYONE,
  // 审核交办: assigning and reviewing is for heads and leaders (an admin's 补录 included).
  '/review': ['department_head', 'leader', 'admin'],
  // 督查督办: the overdue audit, escalation log, notices and scorecard (GET /audit/*).
  '/supervision': ['leader', 'supervisor', 'admin'],
  '/plan-settings': ['admin', 'leader', 'department_head', 'supervisor'],
  // 委托代理: heads delegate, staff act as deputies, the admin sets them up.
  '/delegations': ['admin', 'department_head', 'staff'],
  '/admin': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type PagePath = keyof typeof PAGE_ROLES;

export function mayOpen(page: PagePath, role: Role): boolean {
  return (PAGE_ROLES[page] as readonly Role[]).includes(role);
}
