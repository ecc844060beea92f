import type { Role } from '@duban/domain';

/** Where each role starts: its own work first. */
export function homePathFor(role: Role): string {
  switch (role) {
    case 'staff':
      return '/my-tasks';
    case 'department_head':
      return '/review';
    case 'supervisor':
      return '/supervision';
    case 'admin':
      return '/admin';
    default:
      return '/dashboard';
  }
}
