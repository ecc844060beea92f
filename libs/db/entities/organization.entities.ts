import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: 'business' | 'leadership' | 'discipline';
  /** false once merged into another department (kept: history names it). */
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'merged_into', type: 'text', nullable: true }) mergedInto!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' }) username!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'department_code', type: 'text' }) departmentCode!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'boolean' }) active!: boolean;
  /** Bumped on deactivation, a move, a role change or a password reset: older tokens stop working. */
  @Column({ name: 'token_version', type: 'integer' }) tokenVersion!: number;
  @Column({ name: 'must_change_password', type: 'boolean' }) mustChangePassword!: boolean;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) mobile!: string | null;
  /** 统一身份标识 (工号) at the identity provider: what single sign-on matches when DUBAN_OIDC_MATCH=external_id. */
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  /** Hashes of earlier passwords (newest first), so a new one is not a reused one. */
  @Column({ name: 'password_history', type: 'jsonb' }) passwordHistory!: string[];
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
