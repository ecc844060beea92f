import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read-side projection of a measure workflow's live state; written only by activities. */
@Entity({ name: 'measure_states' })
export class MeasureStateEntity {
  @PrimaryColumn({ name: 'measure_id', type: 'text' })
  measureId!: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Column({ type: 'text' })
  state!: string;

  /** Sequence of the last event applied, so a late or repeated write never moves the state back. */
  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;

  @Column({ name: 'assignee_id', type: 'text', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'lead_department', type: 'text', nullable: true })
  leadDepartment!: string | null;

  @Column({ name: 'head_id', type: 'text', nullable: true })
  headId!: string | null;

  @Column({ name: 'escalation_level', type: 'text', nullable: true })
  escalationLevel!: string | null;

  @Column({ name: 'due_provisional', type: 'boolean' })
  dueProvisional!: boolean;

  @Column({ name: 'progress_percent', type: 'numeric', nullable: true })
  progressPercent!: string | null;

  /** The workflow's whole snapshot after the last applied event. */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;
}
