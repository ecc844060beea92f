import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One 督办通报 issue (migration 1764500000000-bulletins): frozen figures, summary, 期号/文号, 签发. */
@Entity({ name: 'bulletins' })
export class BulletinEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column({ name: 'plan_year', type: 'integer' }) planYear!: number;
  /** YYYY-MM */
  @Column({ type: 'text' }) month!: string;
  /** 期号 N (第N期), per plan year, without gaps. */
  @Column({ type: 'integer' }) issue!: number;
  /** 文号, e.g. 青环督〔2022〕3号. */
  @Column({ name: 'document_number', type: 'text' }) documentNumber!: string;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ name: 'plan_title', type: 'text' }) planTitle!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'jsonb' }) figures!: unknown;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text' }) status!: 'draft' | 'signed';
  @Column({ name: 'drafted_by', type: 'text' }) draftedBy!: string;
  @Column({ name: 'drafted_at', type: 'timestamptz' }) draftedAt!: Date;
  @Column({ name: 'edited_by', type: 'text', nullable: true }) editedBy!: string | null;
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  @Column({ name: 'signed_by', type: 'text', nullable: true }) signedBy!: string | null;
  @Column({ name: 'signed_by_name', type: 'text', nullable: true }) signedByName!: string | null;
  @Column({ name: 'signed_on', type: 'date', nullable: true }) signedOn!: string | null;
  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true }) signedAt!: Date | null;
}

/** A plan year's 文号 prefix, issuing unit and last 期号 given. */
@Entity({ name: 'bulletin_series' })
export class BulletinSeriesEntity {
  @PrimaryColumn({ name: 'plan_year', type: 'integer' }) planYear!: number;
  @Column({ type: 'text' }) prefix!: string;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ name: 'last_number', type: 'integer' }) lastNumber!: number;
  @Column({ name: 'updated_by', type: 'text', nullable: true }) updatedBy!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
