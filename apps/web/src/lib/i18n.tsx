// Chinese first; English for the UI chrome only (data — plan text, names, comments — stays Chinese).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, type MessageKey } from './messages';

export type Language = 'zh' | 'en';

const STORAGE_KEY = 'duban.language';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLanguageState(next);
  }, []);
  const t = useCallback(
    (key: MessageKey, values: Record<string, string | number> = {}) => {
      const [zh, en] = MESSAGES[key];
      const text = language === 'en' ? en : zh;
      return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
    },
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
