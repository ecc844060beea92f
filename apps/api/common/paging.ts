import { z } from 'zod';

/** Query parameters of every paginated list: `page` from 1, `pageSize` 1–100 (default 20). */
export const page = z.coerce.number({ error: '页码应为数字' }).int('页码应为整数').min(1, '页码从 1 开始').max(100_000, '页码超出范围').default(1);
export const pageSize = z.coerce.number({ error: '每页条数应为数字' }).int('每页条数应为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20);
