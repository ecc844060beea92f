import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only, hash-chained audit trail, one chain per stream: a stream is a measure (its findings'
 * events are on its stream), its rows numbered 1, 2, 3 … (`streamSeq`), each with `hash` =
 * sha256(`prevHash` + canonical JSON of `content`) and `prevHash` the hash of the stream's previous
 * row (the genesis hash for its first). Editing or deleting any row breaks every later link of its
 * stream, which verification reports; the anchors (audit_anchors) tie every stream's head together,
 * so a cut-off tail or a stream deleted whole is found too.
 */
@Entity({ name: 'audit_log' })
@Index('uq_audit_log_stream_seq', ['stream', 'streamSeq'], { unique: true })
@Index('ix_audit_log_stream_id', ['stream', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'text', unique: true })
  eventId!: string;

  /** The event's measure id. */
  @Column({ type: 'text' })
  stream!: string;

  /** 1, 2, 3 … within the stream. */
  @Column({ name: 'stream_seq', type: 'integer' })
  streamSeq!: number;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
