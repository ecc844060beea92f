import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One accepted command on a measure, as the workflow recorded it. Append-only. */
@Entity({ name: 'measure_events' })
@Index(['workflowId', 'sequence'], { unique: true })
export class MeasureEventEntity {
  /** `<workflowId>#<sequence>`: a retried write of the same event is recognised and ignored. */
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'measure_id', type: 'text' })
  @Index()
  measureId!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  /** The head the actor acted for under a delegation (委托代理); null when they acted as themselves. */
  @Column({ name: 'on_behalf_of', type: 'text', nullable: true })
  onBehalfOf!: string | null;

  @Column({ name: 'state_after', type: 'text' })
  stateAfter!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Workflow time of the command (deterministic, from the workflow clock). */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
