// The pager of every list paged on the server: current page, size, total and "共 N 条".
import type { TablePaginationConfig } from 'antd';
import { useI18n } from './i18n';

export interface Paging {
  page: number;
  pageSize: number;
}

export function useServerPagination() {
  const { t } = useI18n();
  return (paging: Paging, total: number, onChange: (page: number, pageSize: number) => void, sizeChanger = false): TablePaginationConfig => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    showSizeChanger: sizeChanger,
    showTotal: (n) => t('common.total', { n }),
    onChange,
  });
}
