import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only, hash-chained audit trail: `hash` = sha256(`prevHash` + canonical JSON of `content`).
 * Editing or deleting any row breaks every later link, which verification reports.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'text', unique: true })
  eventId!: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
