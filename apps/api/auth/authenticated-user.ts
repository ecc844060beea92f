import type { Actor, Role } from '@duban/domain';

/** The signed-in person, as carried by the access token. */
export interface AuthenticatedUser {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
}

export function toActor(user: AuthenticatedUser): Actor {
  return { userId: user.username, role: user.role, department: user.departmentCode };
}
