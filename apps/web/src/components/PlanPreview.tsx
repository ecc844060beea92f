// 导入前预览 (系统管理 → 导入工作要点): upload a document — or open the plan already imported, or start
// an empty one — and see the tree (章/节/事项 with their codes) with the parser's warnings and, a year
// already imported, what would be added, changed or missing (recomputed as you edit); fix it in place
// (titles, a measure's 建议牵头处室; move a line between 章/节/事项/分项; merge, split, add or remove
// items), then 确认导入. The server keeps nothing until then. The edits are libs/domain/plan-edits.ts.
import { DeleteOutlined, EditOutlined, EyeOutlined, FileAddOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Input, InputNumber, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useMemo, useState, type HTMLAttributes } from 'react';
import {
  addChapter,
  addMeasure,
  addSection,
  canBeHeading,
  canSplit,
  demoteChapter,
  demoteSection,
  demoteToSubItem,
  isUntitledSection,
  mergeIntoPrevious,
  outlineDiff,
  promoteSectionToChapter,
  promoteToSection,
  removeEmpty,
  removeMeasure,
  splitMeasure,
  type EditableMeasure,
} from '@duban/domain';
import { importReviewedPlan, listDepartments, listPlans, planOutline, previewPlan } from '../api/endpoints';
import type { PlanImportResult, PlanPreview as PlanPreviewData, PreviewMeasure } from '../api/types';
import { beijingYear } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useRemote } from '../lib/useRemote';

const TEXT = {
  choose: ['上传文档并预览', 'Upload and preview'],
  reading: ['正在读取…', 'Reading…'],
  hint: ['预览不会保存任何内容；核对、修改后点击「确认导入」才导入。', 'Nothing is stored until you confirm the import.'],
  failed: ['无法预览', 'Cannot preview'],
  importFailed: ['导入失败', 'Import failed'],
  planTitle: ['工作要点标题', 'Plan title'],
  year: ['年度', 'Year'],
  format: ['文档格式', 'Format'],
  counts: ['{chapters} 章 · {sections} 节 · {measures} 项事项 · {targets} 项指标', '{chapters} chapters · {sections} sections · {measures} measures · {targets} targets'],
  warnings: ['请核对（{n} 条）', 'Please check ({n})'],
  diffTitle: ['{year} 年工作要点已导入，确认后将：', 'The {year} plan is already imported; confirming will:'],
  added: ['新增事项', 'Add'],
  changed: ['修改事项', 'Change'],
  missing: ['文档中没有的事项（仅报告，继续办理，不删除）', 'Missing from the document (reported, left running)'],
  none: ['无', 'none'],
  chapter: ['第 {code} 章', 'Chapter {code}'],
  section: ['第 {code} 节', 'Section {code}'],
  code: ['编号', 'Code'],
  measureTitle: ['事项', 'Measure'],
  lead: ['建议牵头处室', 'Suggested lead'],
  leadAria: ['牵头处室 {code}', 'Lead {code}'],
  titleAria: ['事项标题 {code}', 'Title {code}'],
  noLead: ['未指定', 'none'],
  written: ['文中：{text}', 'The plan says: {text}'],
  unmatched: ['未匹配', 'unmatched'],
  stored: ['已导入，沿用原建议；如需修改请在「全部事项」中设定建议牵头处室', 'Already imported: the stored suggestion stays (change it under All measures)'],
  co: ['配合：{names}', 'Co-operating: {names}'],
  subItems: ['分项 {n} 条', '{n} sub-items'],
  remove: ['删除', 'Remove'],
  merge: ['并入上一项', 'Merge into previous'],
  split: ['拆分', 'Split'],
  demote: ['降为上一项的分项', 'Make it a sub-item of the previous'],
  promoteSection: ['升为节', 'Make it a section'],
  add: ['在本节添加事项', 'Add a measure to this section'],
  addSection: ['在本章添加节', 'Add a section to this chapter'],
  addChapter: ['添加章', 'Add a chapter'],
  promoteChapter: ['升为章', 'Make it a chapter'],
  demoteSection: ['降为事项', 'Make it a measure'],
  demoteChapter: ['降为上一章的节', 'Make it a section of the previous chapter'],
  removeEmpty: ['删除（仅空的）', 'Remove (only when empty)'],
  untitledSection: ['（无节标题：事项直接列在章下）', '(no section heading: measures straight under the chapter)'],
  openStored: ['修改已导入的工作要点', 'Amend an imported plan'],
  newPlan: ['新建空白工作要点', 'Start an empty plan'],
  newYear: ['年度', 'Year'],
  manual: ['手工编辑', 'by hand'],
  untitled: ['有 {n} 项事项没有标题，请填写或删除后再导入', '{n} measures have no title: fill them in or remove them'],
  confirm: ['确认导入', 'Confirm import'],
  importing: ['正在导入…', 'Importing…'],
  cancel: ['放弃预览', 'Discard'],
} as const;

type TextKey = keyof typeof TEXT;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A measure the preview adds (split off, a section heading demoted, a new one): no suggestion of its own yet. */
const fresh = (base: EditableMeasure): PreviewMeasure => ({ ...base, suggestedDepartment: null, suggestionBasis: 'plan' });

export function PlanPreview({ onImported }: { onImported: (report: PlanImportResult) => void }) {
  const { language } = useI18n();
  const tx = useCallback(
    (key: TextKey, values: Record<string, string | number> = {}) =>
      TEXT[key][language === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')),
    [language],
  );
  const departments = useRemote(listDepartments, []);
  const [plan, setPlan] = useState<PlanPreviewData>();
  const [busy, setBusy] = useState<'reading' | 'importing'>();
  const [error, setError] = useState<{ title: string; text: string }>();

  const leadOptions = useMemo(
    () => (departments.data ?? []).filter((d) => d.kind === 'business' && d.active).map((d) => ({ value: d.code, label: d.name })),
    [departments.data],
  );
  const departmentName = (code: string) => (departments.data ?? []).find((d) => d.code === code)?.name ?? code;

  const plans = useRemote(listPlans, []);
  const [storedYear, setStoredYear] = useState<number>();
  const [newYear, setNewYear] = useState<number>(beijingYear() + 1);

  const load = async (reading: () => Promise<PlanPreviewData>) => {
    setBusy('reading');
    setError(undefined);
    setPlan(undefined);
    try {
      setPlan(await reading());
    } catch (reason) {
      setError({ title: tx('failed'), text: errorText(reason) });
    } finally {
      setBusy(undefined);
    }
  };
  const read = (file: File) => load(() => previewPlan(file));
  /** An empty plan built by hand: one chapter with one section to start from (an imported year opens its stored plan instead). */
  const startEmpty = () => {
    if ((plans.data ?? []).some((p) => p.year === newYear)) return void load(() => planOutline(newYear));
    const empty: PlanPreviewData = { year: newYear, title: '', format: 'manual', chapters: [], targets: [], warnings: [] };
    addChapter(empty);
    setError(undefined);
    setPlan(empty);
  };

  /** Changes the plan being reviewed (a copy: React sees a new object). */
  const edit = (change: (draft: PlanPreviewData) => void) =>
    setPlan((current) => {
      if (!current) return current;
      const draft = structuredClone(current);
      change(draft);
      return draft;
    });
  const editMeasure = (code: string, change: (m: PreviewMeasure) => void) =>
    edit((draft) => {
      for (const c of draft.chapters) for (const s of c.sections) for (const m of s.measures) if (m.code === code) change(m);
    });

  const measures = plan ? plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures)) : [];
  const untitled = measures.filter((m) => !m.title.trim()).length;
  // Against the stored plan, as the outline stands now (the server's diff is the document's as read).
  const diff = plan?.stored ? outlineDiff(measures, plan.stored) : plan?.diff;

  const confirm = async () => {
    if (!plan) return;
    setBusy('importing');
    setError(undefined);
    try {
      const report = await importReviewedPlan(plan);
      setPlan(undefined);
      plans.reload(); // the year just imported can now be opened to amend
      onImported(report);
    } catch (reason) {
      setError({ title: tx('importFailed'), text: errorText(reason) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="plan-preview">
      <Space wrap>
        <Upload
          accept=".docx,.pdf,.xlsx,.html,.htm,.txt"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void read(file);
            return false;
          }}
        >
          <Button icon={<EyeOutlined />} loading={busy === 'reading'} data-testid="plan-preview-upload">
            {busy === 'reading' ? tx('reading') : tx('choose')}
          </Button>
        </Upload>
        <Space.Compact>
          <Select
            style={{ width: 120 }}
            aria-label={tx('openStored')}
            placeholder={tx('year')}
            showSearch={{ optionFilterProp: 'label' }}
            value={storedYear}
            onChange={setStoredYear}
            options={(plans.data ?? []).map((p) => ({ value: p.year, label: String(p.year) }))}
            data-testid="plan-outline-year"
          />
          <Button icon={<EditOutlined />} disabled={!storedYear || busy === 'reading'} onClick={() => storedYear && void load(() => planOutline(storedYear))} data-testid="plan-outline-open">
            {tx('openStored')}
          </Button>
        </Space.Compact>
        <Space.Compact>
          <InputNumber aria-label={tx('newYear')} min={2000} max={2100} value={newYear} onChange={(v) => v && setNewYear(v)} style={{ width: 100 }} data-testid="plan-new-year" />
          <Button icon={<FileAddOutlined />} disabled={busy === 'reading'} onClick={startEmpty} data-testid="plan-new">
            {tx('newPlan')}
          </Button>
        </Space.Compact>
        <Typography.Text type="secondary">{tx('hint')}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error.title} description={error.text} data-testid="plan-preview-error" />}
      {plan && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="plan-preview-tree">
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'title',
                label: tx('planTitle'),
                children: <Input aria-label={tx('planTitle')} value={plan.title} status={plan.title.trim() ? undefined : 'error'} onChange={(e) => edit((d) => void (d.title = e.target.value))} />,
              },
              { key: 'year', label: tx('year'), children: plan.year },
              { key: 'format', label: tx('format'), children: <Tag>{plan.format === 'manual' ? tx('manual') : plan.format}</Tag> },
              {
                key: 'counts',
                label: tx('measureTitle'),
                children: tx('counts', {
                  chapters: plan.chapters.length,
                  sections: plan.chapters.reduce((n, c) => n + c.sections.length, 0),
                  measures: measures.length,
                  targets: plan.targets.length,
                }),
              },
            ]}
          />
          {plan.warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="plan-preview-warnings"
              title={tx('warnings', { n: plan.warnings.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {plan.warnings.map((w, i) => (
                    <li key={i} data-warning={w.code}>
                      {w.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {diff && (
            <Alert
              type="info"
              showIcon
              data-testid="plan-preview-diff"
              title={tx('diffTitle', { year: plan.year })}
              description={
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'added', label: tx('added'), children: <span data-diff="added">{diff.added.join('、') || tx('none')}</span> },
                    {
                      key: 'changed',
                      label: tx('changed'),
                      children: (
                        <span data-diff="changed">
                          {diff.changed.length
                            ? diff.changed.map((c) => (
                                <div key={c.code}>
                                  {c.code}：{c.before.title} → {c.after.title}
                                </div>
                              ))
                            : tx('none')}
                        </span>
                      ),
                    },
                    { key: 'missing', label: tx('missing'), children: <span data-diff="missing">{diff.missing.join('、') || tx('none')}</span> },
                  ]}
                />
              }
            />
          )}
          {plan.chapters.map((chapter, chapterIndex) => (
            <div key={chapter.code} data-preview-chapter={chapter.code}>
              <Space style={{ width: '100%', marginTop: 8 }}>
                <Tag color="blue">{tx('chapter', { code: chapter.code })}</Tag>
                <Input
                  aria-label={`${tx('chapter', { code: chapter.code })}`}
                  style={{ width: 480, maxWidth: '60vw' }}
                  value={chapter.title}
                  status={chapter.title.trim() ? undefined : 'error'}
                  onChange={(e) => edit((d) => void (d.chapters.find((c) => c.code === chapter.code)!.title = e.target.value))}
                />
                <Button size="small" disabled={chapterIndex === 0} aria-label={`${tx('demoteChapter')} ${chapter.code}`} onClick={() => edit((d) => void demoteChapter(d, chapter.code, fresh))}>
                  {tx('demoteChapter')}
                </Button>
                <Button size="small" aria-label={`${tx('addSection')} ${chapter.code}`} icon={<PlusOutlined />} onClick={() => edit((d) => void addSection(d, chapter.code))}>
                  {tx('addSection')}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={chapter.sections.some((x) => x.measures.length > 0)}
                  aria-label={`${tx('removeEmpty')} ${chapter.code}`}
                  onClick={() => edit((d) => void removeEmpty(d, chapter.code))}
                />
              </Space>
              {chapter.sections.map((section, sectionIndex) => (
                <div key={section.code} data-preview-section={section.code} style={{ marginInlineStart: 24, marginTop: 8 }}>
                  <Space wrap>
                    <Tag>{tx('section', { code: section.code })}</Tag>
                    <Input
                      aria-label={tx('section', { code: section.code })}
                      style={{ width: 440, maxWidth: '60vw' }}
                      value={section.title}
                      placeholder={tx('untitledSection')}
                      onChange={(e) =>
                        edit((d) => {
                          for (const c of d.chapters) for (const s of c.sections) if (s.code === section.code) s.title = e.target.value;
                        })
                      }
                    />
                    <Button
                      size="small"
                      disabled={sectionIndex === 0 || isUntitledSection(section)}
                      aria-label={`${tx('promoteChapter')} ${section.code}`}
                      onClick={() => edit((d) => void promoteSectionToChapter(d, section.code))}
                    >
                      {tx('promoteChapter')}
                    </Button>
                    <Button
                      size="small"
                      disabled={isUntitledSection(section)}
                      aria-label={`${tx('demoteSection')} ${section.code}`}
                      onClick={() => edit((d) => void demoteSection(d, section.code, fresh))}
                    >
                      {tx('demoteSection')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={section.measures.length > 0}
                      aria-label={`${tx('removeEmpty')} ${section.code}`}
                      onClick={() => edit((d) => void removeEmpty(d, section.code))}
                    />
                  </Space>
                  <Table<PreviewMeasure>
                    size="small"
                    rowKey="code"
                    pagination={false}
                    style={{ marginTop: 4 }}
                    dataSource={section.measures}
                    onRow={(m) => ({ 'data-preview-measure': m.code }) as HTMLAttributes<HTMLElement>}
                    columns={[
                      { title: tx('code'), width: 80, render: (_, m) => m.code },
                      {
                        title: tx('measureTitle'),
                        render: (_, m) => (
                          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                            <Input
                              aria-label={tx('titleAria', { code: m.code })}
                              value={m.title}
                              status={m.title.trim() ? undefined : 'error'}
                              onChange={(e) => editMeasure(m.code, (x) => void (x.title = e.target.value))}
                            />
                            {m.body && (
                              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: m.body }} style={{ margin: 0 }}>
                                {m.body}
                              </Typography.Paragraph>
                            )}
                            {m.subItems?.length ? <Typography.Text type="secondary">{tx('subItems', { n: m.subItems.length })}</Typography.Text> : null}
                          </Space>
                        ),
                      },
                      {
                        title: tx('lead'),
                        width: 260,
                        render: (_, m) => (
                          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                            <Select
                              aria-label={tx('leadAria', { code: m.code })}
                              style={{ width: '100%' }}
                              allowClear
                              showSearch={{ optionFilterProp: 'label' }}
                              placeholder={tx('noLead')}
                              options={leadOptions}
                              value={m.suggestedDepartment ?? undefined}
                              disabled={m.suggestionBasis === 'stored'}
                              onChange={(value?: string) =>
                                editMeasure(m.code, (x) => {
                                  x.suggestedDepartment = value ?? null;
                                  x.suggestionBasis = 'plan';
                                  if (value) x.coDepartments = x.coDepartments?.filter((c) => c !== value);
                                })
                              }
                              data-testid={`preview-lead-${m.code}`}
                            />
                            {m.leadText && (
                              <Typography.Text type="secondary">
                                {tx('written', { text: m.leadText })}
                                {m.unmatchedLeads?.length ? <Tag color="orange" style={{ marginInlineStart: 4 }}>{tx('unmatched')}</Tag> : null}
                              </Typography.Text>
                            )}
                            {m.coDepartments?.length ? <Typography.Text type="secondary">{tx('co', { names: m.coDepartments.map(departmentName).join('、') })}</Typography.Text> : null}
                            {m.suggestionBasis === 'stored' && <Typography.Text type="secondary">{tx('stored')}</Typography.Text>}
                          </Space>
                        ),
                      },
                      {
                        title: '',
                        width: 150,
                        render: (_, m, index) => (
                          <Space orientation="vertical" size={4}>
                            <Button
                              size="small"
                              icon={<MergeCellsOutlined />}
                              disabled={index === 0}
                              aria-label={`${tx('merge')} ${m.code}`}
                              onClick={() => edit((d) => void mergeIntoPrevious(d, m.code))}
                            >
                              {tx('merge')}
                            </Button>
                            <Button
                              size="small"
                              disabled={!canSplit(m)}
                              aria-label={`${tx('split')} ${m.code}`}
                              onClick={() => edit((d) => void splitMeasure(d, m.code, (base) => ({ ...base, suggestedDepartment: m.suggestedDepartment, suggestionBasis: m.suggestionBasis === 'stored' ? 'plan' : m.suggestionBasis })))}
                            >
                              {tx('split')}
                            </Button>
                            <Button size="small" disabled={index === 0} aria-label={`${tx('demote')} ${m.code}`} onClick={() => edit((d) => void demoteToSubItem(d, m.code))}>
                              {tx('demote')}
                            </Button>
                            <Button
                              size="small"
                              disabled={index === 0 || !canBeHeading(m)}
                              aria-label={`${tx('promoteSection')} ${m.code}`}
                              onClick={() => edit((d) => void promoteToSection(d, m.code))}
                            >
                              {tx('promoteSection')}
                            </Button>
                            <Button
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={`${tx('remove')} ${m.code}`}
                              onClick={() => edit((d) => void removeMeasure(d, m.code))}
                            >
                              {tx('remove')}
                            </Button>
                          </Space>
                        ),
                      },
                    ]}
                  />
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined />}
                    style={{ marginTop: 4 }}
                    data-testid={`preview-add-${section.code}`}
                    onClick={() => edit((d) => void addMeasure(d, section.code, fresh))}
                  >
                    {tx('add')}
                  </Button>
                </div>
              ))}
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => edit((d) => void addChapter(d))} data-testid="preview-add-chapter">
            {tx('addChapter')}
          </Button>
          {untitled > 0 && <Alert type="error" showIcon title={tx('untitled', { n: untitled })} data-testid="plan-preview-untitled" />}
          <Space>
            <Button type="primary" onClick={() => void confirm()} loading={busy === 'importing'} disabled={untitled > 0 || !plan.title.trim()} data-testid="plan-preview-confirm">
              {busy === 'importing' ? tx('importing') : tx('confirm')}
            </Button>
            <Button onClick={() => setPlan(undefined)} disabled={busy === 'importing'}>
              {tx('cancel')}
            </Button>
          </Space>
        </Space>
      )}
    </Space>
  );
}
