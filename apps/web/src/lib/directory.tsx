// Department and user names for display (codes and usernames come back from every list). Loaded
// once per sign-in; if the directory cannot be read, codes are shown as they are.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { listDepartments, listUsers } from '../api/endpoints';
import type { Department, UserSummary } from '../api/types';
import { useI18n } from './i18n';

interface Directory {
  departments: Department[];
  users: UserSummary[];
  departmentName(code: string | null | undefined): string;
  userName(username: string | null | undefined): string;
}

const DirectoryContext = createContext<Directory | null>(null);

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [users, setUsers] = useState<UserSummary[]>([]);
  const { t } = useI18n();

  useEffect(() => {
    listDepartments().then(setDepartments, () => setDepartments([]));
    listUsers().then(setUsers, () => setUsers([]));
  }, []);

  const value = useMemo<Directory>(() => {
    const departmentNames = new Map(departments.map((d) => [d.code, d.name]));
    const userNames = new Map(users.map((u) => [u.username, u.displayName]));
    return {
      departments,
      users,
      departmentName: (code) => (code ? (departmentNames.get(code) ?? code) : '—'),
      userName: (username) => {
        if (!username) return '—';
        if (username === 'system') return t('common.system');
        const name = userNames.get(username);
        return name ? `${name}（${username}）` : username;
      },
    };
  }, [departments, users, t]);

  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const context = useContext(DirectoryContext);
  if (!context) throw new Error('useDirectory outside DirectoryProvider');
  return context;
}
