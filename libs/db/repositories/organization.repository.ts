import type { DataSource } from 'typeorm';
import { DepartmentEntity, UserEntity } from '../entities/organization.entities';
import { hashPassword } from '../passwords';

export interface OrganizationData {
  departments: Array<{ code: string; name: string; kind: DepartmentEntity['kind'] }>;
  users: Array<{ username: string; displayName: string; role: string; department: string }>;
}

export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds departments and users that do not exist yet (never overwrites a changed one). */
  async addMissing(org: OrganizationData, initialPassword: string): Promise<{ departments: number; users: number }> {
    const known = new Set(org.departments.map((d) => d.code));
    const unknown = org.users.filter((u) => !known.has(u.department));
    if (unknown.length) throw new Error(`users in unknown departments: ${unknown.map((u) => u.username).join(', ')}`);
    const hashes = await Promise.all(org.users.map(() => hashPassword(initialPassword)));
    return this.dataSource.transaction(async (manager) => {
      const departments = await manager
        .createQueryBuilder()
        .insert()
        .into(DepartmentEntity)
        .values(org.departments)
        .orIgnore()
        .execute();
      const users = await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values(org.users.map((u, i) => ({ username: u.username, displayName: u.displayName, role: u.role, departmentCode: u.department, passwordHash: hashes[i] })))
        .orIgnore()
        .execute();
      return { departments: departments.identifiers.filter(Boolean).length, users: users.identifiers.filter(Boolean).length };
    });
  }

  async findUser(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
  }

  async listDepartments(): Promise<DepartmentEntity[]> {
    return this.dataSource.getRepository(DepartmentEntity).find({ order: { code: 'ASC' } });
  }

  /** Every user, or the users of one department. */
  async listUsers(departmentCode?: string): Promise<UserEntity[]> {
    return this.dataSource
      .getRepository(UserEntity)
      .find({ where: departmentCode === undefined ? {} : { departmentCode }, order: { departmentCode: 'ASC', username: 'ASC' } });
  }
}
