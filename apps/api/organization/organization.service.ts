import { Injectable } from '@nestjs/common';
import { OrganizationRepository } from '@duban/db';
import { ROLE_LABELS, ROLES, type Role } from '@duban/domain';
import type { DepartmentDto, UserDto } from './organization.dto';

/** Departments and people, for names and pickers; every signed-in user may read them. */
@Injectable()
export class OrganizationService {
  constructor(private readonly organization: OrganizationRepository) {}

  async departments(): Promise<DepartmentDto[]> {
    return (await this.organization.listDepartments()).map((d) => ({ code: d.code, name: d.name, kind: d.kind, active: d.active }));
  }

  async users(department?: string): Promise<UserDto[]> {
    return (await this.organization.listUsers(department)).map((u) => {
      // The database CHECK allows only these roles; the guard keeps the type honest.
      const role: Role = (ROLES as readonly string[]).includes(u.role) ? (u.role as Role) : 'staff';
      return { username: u.username, displayName: u.displayName, role, roleLabel: ROLE_LABELS[role], departmentCode: u.departmentCode, active: u.active };
    });
  }
}
