// The plan by chapter and section, a 红/黄/绿 light on every measure and roll-ups on the headings.
import { Space, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useNavigate } from 'react-router-dom';
import type { LightCounts, PlanMeasure, PlanTree } from '../api/types';
import { useDirectory } from '../lib/directory';
import { LIGHT_COLORS } from '../lib/labels';
import { countLights, LIGHT_ORDER } from '../lib/planStats';
import { usePhone } from '../lib/responsive';
import { LightDot, StateTag } from './StatusTags';

function RollUp({ counts }: { counts: LightCounts }) {
  return (
    <Space size={6} style={{ marginLeft: 12, fontSize: 12 }}>
      {LIGHT_ORDER.filter((l) => counts[l] > 0).map((l) => (
        <span key={l} style={{ color: LIGHT_COLORS[l] }}>
          ● {counts[l]}
        </span>
      ))}
    </Space>
  );
}

function MeasureTitle({ measure }: { measure: PlanMeasure }) {
  const { departmentName } = useDirectory();
  return (
    <Space size={8} wrap data-measure={measure.id}>
      <LightDot light={measure.light} reasons={measure.lightReasons} />
      <Typography.Text strong>{measure.code}</Typography.Text>
      <span>{measure.title}</span>
      <StateTag state={measure.state} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {departmentName(measure.leadDepartment ?? measure.suggestedDepartmentCode)}
        {measure.dueDate ? ` · ${measure.dueDate}` : ''}
      </Typography.Text>
    </Space>
  );
}

export function PlanTreeView({ tree }: { tree: PlanTree }) {
  const navigate = useNavigate();
  // On a phone the tree opens folded to its chapters (a tap opens one): the whole plan unfolded is thousands of pixels tall.
  const phone = usePhone();
  const nodes: DataNode[] = tree.chapters.map((chapter) => {
    const chapterMeasures = chapter.sections.flatMap((s) => s.measures);
    return {
      key: `chapter:${chapter.code}`,
      selectable: false,
      title: (
        <span>
          <Typography.Text strong>
            {chapter.code}. {chapter.title}
          </Typography.Text>
          <RollUp counts={countLights(chapterMeasures)} />
        </span>
      ),
      children: chapter.sections.map((section) => ({
        key: `section:${section.code}`,
        selectable: false,
        title: (
          <span>
            {section.code} {section.title}
            <RollUp counts={countLights(section.measures)} />
          </span>
        ),
        children: section.measures.map((measure) => ({ key: measure.id, isLeaf: true, title: <MeasureTitle measure={measure} /> })),
      })),
    };
  });
  return (
    <div data-testid="plan-tree">
      <Tree
        key={phone ? 'phone' : 'desktop'}
        treeData={nodes}
        defaultExpandAll={!phone}
        blockNode
        showLine
        onSelect={(keys) => {
          const key = keys[0];
          if (typeof key === 'string' && !key.includes(':')) navigate(`/measures/${key}`);
        }}
      />
    </div>
  );
}
