// Every list of the UI: an Ant Design Table on tablets and desktops, a stack of cards on a phone
// (below `md`), so no page scrolls sideways and no column shrinks to one character per line. The
// props are the Table's own; a list may give its own card, otherwise a card shows each column as
// 「title：value」 with the first column as the card's head. Selection, paging (server or client),
// loading, the empty text and onRow's attributes work on both.
import { Card, Checkbox, Empty, Pagination, Space, Spin, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { isValidElement, useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { usePhone } from '../lib/responsive';

export type ResponsiveTableProps<T> = TableProps<T> & {
  /** The body of one row's card on a phone (the selection box, when there is one, comes before it). */
  card?: (row: T, index: number) => ReactNode;
};

type Row = Record<string, unknown>;

function keyOf<T>(row: T, index: number, rowKey: TableProps<T>['rowKey']): Key {
  if (typeof rowKey === 'function') return rowKey(row, index);
  const field = rowKey ?? 'key';
  const value = (row as Row)[String(field)];
  return typeof value === 'string' || typeof value === 'number' ? value : index;
}

function valueAt(row: unknown, dataIndex: ColumnType<unknown>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  return path.reduce<unknown>((value, step) => (value && typeof value === 'object' ? (value as Row)[String(step)] : undefined), row);
}

/** What the column shows for the row, as the Table would render it. */
function cellOf<T>(column: ColumnType<T>, row: T, index: number): ReactNode {
  const value = valueAt(row, column.dataIndex as ColumnType<unknown>['dataIndex']);
  const shown: unknown = column.render ? column.render(value, row, index) : value;
  // A render may answer { children, props } (cell spans): the card shows the children.
  if (shown && typeof shown === 'object' && !isValidElement(shown) && 'children' in shown) return (shown as { children: ReactNode }).children;
  return shown as ReactNode;
}

function titleOf<T>(column: ColumnType<T>): ReactNode {
  return typeof column.title === 'function' ? null : (column.title as ReactNode);
}

/** The default card: the first column as its head, the others as labelled lines. */
function DefaultCard<T>({ columns, row, index }: { columns: ColumnType<T>[]; row: T; index: number }) {
  const [first, ...rest] = columns;
  return (
    <div className="responsive-card-body">
      {first && <div className="responsive-card-head">{cellOf(first, row, index)}</div>}
      {rest.map((column, i) => {
        const title = titleOf(column);
        return (
          <div className="responsive-card-field" key={String(column.key ?? i)}>
            {title !== null && title !== undefined && title !== '' && <span className="responsive-card-label">{title}</span>}
            <span className="responsive-card-value">{cellOf(column, row, index)}</span>
          </div>
        );
      })}
    </div>
  );
}

export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const { card, ...tableProps } = props;
  const phone = usePhone();
  const [clientPage, setClientPage] = useState(1);
  if (!phone) return <Table<T> {...tableProps} />;

  const { dataSource, columns, rowKey, loading, locale, pagination, rowSelection, onRow } = tableProps;
  const testId = (props as Record<string, unknown>)['data-testid'] as string | undefined;
  const rows = [...(dataSource ?? [])];
  const shownColumns = (columns ?? []).filter((column): column is ColumnType<T> => !('children' in column) && !column.hidden);

  // Paging as the Table does it: off, on the server (the rows are the current page), or here.
  const config = pagination === false ? undefined : { pageSize: 10, ...pagination };
  const pageSize = config?.pageSize ?? config?.defaultPageSize ?? 10;
  const serverPaged = config?.total !== undefined && config.current !== undefined;
  const current = serverPaged ? (config?.current ?? 1) : Math.min(clientPage, Math.max(1, Math.ceil(rows.length / pageSize)));
  const pageRows = !config || serverPaged ? rows : rows.slice((current - 1) * pageSize, current * pageSize);
  const total = serverPaged ? (config?.total ?? rows.length) : rows.length;

  const selected = new Set<Key>(rowSelection?.selectedRowKeys ?? []);
  const toggle = (key: Key, on: boolean) => {
    if (!rowSelection) return;
    const next = on ? [...selected, key] : [...selected].filter((k) => k !== key);
    const byKey = new Map(rows.map((row, i) => [keyOf(row, i, rowKey), row]));
    rowSelection.onChange?.(next, next.flatMap((k) => (byKey.has(k) ? [byKey.get(k) as T] : [])), { type: 'single' });
  };
  const spinning = typeof loading === 'object' ? Boolean(loading.spinning) : Boolean(loading);
  const emptyText = typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText;

  return (
    <div className="responsive-list" data-testid={testId}>
      <Spin spinning={spinning}>
        {pageRows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? undefined} />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {pageRows.map((row, i) => {
              const index = serverPaged || !config ? i : (current - 1) * pageSize + i;
              const key = keyOf(row, index, rowKey);
              const attributes = (onRow?.(row, index) ?? {}) as HTMLAttributes<HTMLElement>;
              const checkbox = rowSelection?.getCheckboxProps?.(row) ?? {};
              return (
                <Card size="small" key={key} className="responsive-card" {...(attributes as HTMLAttributes<HTMLDivElement>)}>
                  <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                    {rowSelection && (
                      <Checkbox
                        {...checkbox}
                        checked={selected.has(key)}
                        onClick={(event) => event.stopPropagation()}
                        onChange={(event) => toggle(key, event.target.checked)}
                      />
                    )}
                    <div style={{ flex: 1, minWidth: 0 }}>{card ? card(row, index) : <DefaultCard columns={shownColumns} row={row} index={index} />}</div>
                  </div>
                </Card>
              );
            })}
          </Space>
        )}
      </Spin>
      {config && total > pageSize && (
        <Pagination
          size="small"
          simple
          style={{ marginTop: 12, justifyContent: 'center' }}
          current={current}
          pageSize={pageSize}
          total={total}
          showTotal={config.showTotal}
          onChange={(page, size) => {
            if (serverPaged) config.onChange?.(page, size);
            else {
              setClientPage(page);
              config.onChange?.(page, size);
            }
          }}
        />
      )}
    </div>
  );
}
