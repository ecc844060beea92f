import type { Actor, Role } from '@duban/domain';

/** The signed-in person, as carried by the access token. */
export interface AuthenticatedUser {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
  /**
   * 委托代理: the head this person acts for on this request (X-Acting-For, checked by the AuthGuard
   * against a delegation active today). Then `role` is department_head and `departmentCode` the
   * head's department, so every rule applies as to the head; `username` stays the deputy's own.
   */
  onBehalfOf?: string;
}

export function toActor(user: AuthenticatedUser): Actor {
  return { userId: user.username, role: user.role, department: user.departmentCode, ...(user.onBehalfOf ? { onBehalfOf: user.onBehalfOf } : {}) };
}
