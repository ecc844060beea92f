import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'plans' })
export class PlanEntity {
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'imported_at', type: 'timestamptz' }) importedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'plan_targets' })
export class PlanTargetEntity {
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'integer' }) position!: number;
}

@Entity({ name: 'plan_chapters' })
export class PlanChapterEntity {
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'integer' }) position!: number;
}

@Entity({ name: 'plan_sections' })
export class PlanSectionEntity {
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ name: 'chapter_code', type: 'text' }) chapterCode!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'integer' }) position!: number;
}

@Entity({ name: 'measures' })
export class MeasureEntity {
  /** `<year>-<code>`, e.g. `2022-2.1.1`. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'text' }) code!: string;
  @Column({ name: 'section_code', type: 'text' }) sectionCode!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'suggested_department_code', type: 'text', nullable: true }) suggestedDepartmentCode!: string | null;
  /** Who leads and co-operates as the plan writes it (（大气处牵头，执法支队配合）), matched or not. */
  @Column({ name: 'lead_text', type: 'text', nullable: true }) leadText!: string | null;
  @Column({ name: 'co_text', type: 'text', nullable: true }) coText!: string | null;
  /** The co-operating departments the plan's text names (the assignment's default 协办处室). */
  @Column({ name: 'suggested_co_department_codes', type: 'text', array: true, nullable: true }) suggestedCoDepartmentCodes!: string[] | null;
}

@Entity({ name: 'plan_quantities' })
export class PlanQuantityEntity {
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @PrimaryColumn({ name: 'owner_kind', type: 'text' }) ownerKind!: 'target' | 'measure';
  @PrimaryColumn({ name: 'owner_code', type: 'text' }) ownerCode!: string;
  @PrimaryColumn({ type: 'integer' }) position!: number;
  /** numeric comes back from pg as a string; kept exact. */
  @Column({ type: 'numeric' }) value!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'text' }) text!: string;
}
