// 中文 / EN, on the sign-in page and in the header of every signed-in page.
import { Segmented } from 'antd';
import { useI18n, type Language } from '../lib/i18n';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      value={language}
      onChange={setLanguage}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
      aria-label={t('app.language')}
    />
  );
}
