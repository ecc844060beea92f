// 全部事项 reads its filters from the URL (/measures?year=2022&overdue=true&lead=water …), so every
// cockpit number links to its list. A leader's default view is their 分管 departments, with one
// click to 全局 (`scope=all`); an explicit `lead=` in the URL always wins.
import { Button, Segmented, Space, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { myLeaderDepartments, type MeasureFilters } from '../api/endpoints';
import { MEASURE_URL_FILTERS } from './cockpitLinks';
import { useCockpitText } from './cockpitText';
import { useDirectory } from './directory';
import { useI18n } from './i18n';
import { escalationLabel, lightLabel, stateLabel } from './labels';
import { useUser } from './session';
import { useRemote } from './useRemote';

type Filters = Omit<MeasureFilters, 'page' | 'pageSize'>;

export interface UrlMeasureFilters {
  /** Filters for MeasureTable's `fixed`; undefined until a leader's 分管 list is known. */
  fixed: Filters | undefined;
  /** Changes whenever the filters do (a fresh table, page 1). */
  key: string;
  /** The scope switch and the active filters, above the list. */
  bar: ReactNode;
}

export function useUrlMeasureFilters(): UrlMeasureFilters {
  const text = useCockpitText();
  const user = useUser();
  const { departmentName, userName } = useDirectory();
  const { language } = useI18n();
  const [params, setParams] = useSearchParams();
  const leader = user.role === 'leader';
  const mine = useRemote(() => (leader ? myLeaderDepartments().then((d) => d.departments) : Promise.resolve([])), [leader, user.username]);
  const myCodes = (mine.data ?? []).map((d) => d.code);

  const fromUrl = useMemo(() => {
    const filters: Record<string, string> = {};
    for (const key of MEASURE_URL_FILTERS) {
      const value = params.get(key);
      if (value) filters[key] = value;
    }
    return filters;
  }, [params]);
  const scopeAll = params.get('scope') === 'all';
  const defaultMine = leader && myCodes.length > 0 && !fromUrl.lead && !scopeAll;
  const ready = !leader || mine.data !== undefined || mine.error !== undefined;

  const { year, ...rest } = fromUrl;
  const fixed: Filters | undefined = ready ? { ...rest, ...(year ? { year: Number(year) } : {}), ...(defaultMine ? { lead: myCodes.join(',') } : {}) } : undefined;

  const setScope = (scope: 'mine' | 'all') => {
    const next = new URLSearchParams(params);
    next.delete('lead');
    if (scope === 'all') next.set('scope', 'all');
    else next.delete('scope');
    setParams(next);
  };
  const shown = Object.entries(fromUrl);
  const filterLabel = (key: string, value: string): string => {
    switch (key) {
      case 'year':
        return text('fYear', { v: value });
      case 'lead':
        return text('fLead', { v: value.split(',').map((c) => departmentName(c)).join('、') });
      case 'department':
        return text('fDepartment', { v: departmentName(value) });
      case 'status':
        return text('fStatus', { v: stateLabel(value, language) });
      case 'light':
        return text('fLight', { v: lightLabel(value, language) });
      case 'assignee':
        return text('fAssignee', { v: userName(value) });
      case 'overdue':
        return text(value === 'true' ? 'fOverdue' : 'fNotOverdue');
      case 'escalationLevel':
        return text('fEscalation', { v: escalationLabel(value, language) });
      case 'completion':
        return text(value === 'late' ? 'fLate' : 'fOnTime');
      case 'accountability':
        return text(value === 'true' ? 'fAccountability' : 'fNoAccountability');
      case 'excludeCancelled':
        return text('fExcludeCancelled');
      default:
        return text('fQ', { v: value });
    }
  };
  const bar = (
    <Space wrap data-testid="measure-url-filters">
      {leader && myCodes.length > 0 && !fromUrl.lead && (
        <Segmented
          data-testid="measures-scope"
          value={scopeAll ? 'all' : 'mine'}
          onChange={(v) => setScope(v as 'mine' | 'all')}
          options={[
            { value: 'mine', label: text('scopeMine') },
            { value: 'all', label: text('scopeAll') },
          ]}
        />
      )}
      {defaultMine && <Typography.Text type="secondary">{text('scopeHint', { names: myCodes.map((c) => departmentName(c)).join('、') })}</Typography.Text>}
      {shown.length > 0 && (
        <>
          <Typography.Text type="secondary">{text('filtered')}：</Typography.Text>
          {shown.map(([key, value]) => (
            <Tag key={key} data-filter={key}>
              {filterLabel(key, value)}
            </Tag>
          ))}
          <Button size="small" onClick={() => setParams(new URLSearchParams(scopeAll ? { scope: 'all' } : {}))}>
            {text('clearFilters')}
          </Button>
        </>
      )}
    </Space>
  );
  return { fixed, key: JSON.stringify(fixed ?? null), bar };
}
