// Real data for the fuzzer to hit: measures in every state of the lifecycle (with a finding and an
// extension request), and each user's notifications. Without them nearly every id schemathesis
// makes up is a 404 and the commands never reach the workflows or the database.
import { beijingDate } from '@duban/domain';
import { DEMO_PASSWORD } from '../../seeds/seed';

export interface FuzzData {
  measureIds: string[];
  findingIds: string[];
  notificationIds: string[];
  years: number[];
}

/** One per role the fuzz passes sign in as: commands then pass the role checks and meet the states. */
export const FUZZ_USERS = { admin: 'admin', head: 'soil.head', staff: 'soil.staff1', supervisor: 'supervisor1' } as const;

const YEAR = 2026;

export async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 || !body.accessToken) throw new Error(`sign-in of ${username} failed: ${response.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

export async function prepareFuzzData(baseUrl: string, tokens: Record<keyof typeof FUZZ_USERS, string>): Promise<FuzzData> {
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200) throw new Error(`fuzz data: ${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const date = (days: number) => beijingDate(Date.now() + days * 86_400_000);
  const stages = ['imported', 'assigned', 'in_progress', 'under_review', 'returned', 'completed'] as const;
  const measureIds: string[] = [];
  const findingIds: string[] = [];
  let code = 0;
  for (let copy = 0; copy < 3; copy++) {
    for (const stage of stages) {
      const id = `${YEAR}-90.${++code}`;
      measureIds.push(id);
      await call('POST', `/measures/${id}/start`, tokens.admin);
      if (stage === 'imported') continue;
      // These measures are in no plan (no suggested department): recorded by the admin as work under way.
      await call('POST', `/measures/${id}/assign`, tokens.admin, {
        assigneeId: FUZZ_USERS.staff,
        leadDepartment: 'soil',
        dueDate: date(60),
        assignedOn: date(0),
        backdateReason: '模糊测试数据',
      });
      if (stage === 'assigned') continue;
      await call('POST', `/measures/${id}/accept`, tokens.staff);
      await call('POST', `/measures/${id}/extension-requests`, tokens.staff, { newDueDate: date(90), reason: '等待检测报告' });
      if (stage !== 'completed') {
        // An open finding keeps a measure from completing: the completed ones have none.
        await call('POST', `/measures/${id}/inspections`, tokens.supervisor, { findings: [{ description: '台账不全', dueDate: date(20) }] });
        findingIds.push(`${id}-f1`);
      }
      if (stage === 'in_progress') continue;
      await call('POST', `/measures/${id}/submit`, tokens.staff, { note: '已完成' });
      if (stage === 'under_review') continue;
      if (stage === 'returned') {
        await call('POST', `/measures/${id}/return`, tokens.head, { comment: '缺少材料' });
        continue;
      }
      await call('POST', `/measures/${id}/approve`, tokens.head);
    }
  }
  const notificationIds = new Set<string>();
  for (const token of Object.values(tokens)) {
    const page = (await call('GET', '/notifications?pageSize=100', token)) as { items: Array<{ id: string }> };
    for (const item of page.items) notificationIds.add(item.id);
  }
  return { measureIds, findingIds, notificationIds: [...notificationIds], years: [2022, YEAR] };
}
