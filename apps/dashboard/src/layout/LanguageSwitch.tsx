import { Segmented } from 'antd';
import { useLanguage } from '../i18n/i18n';
import type { Language } from '../i18n/messages';

/** Each language is named in itself, so a person who cannot read the other one still finds theirs. */
const OPTIONS: { label: string; value: Language }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

export function LanguageSwitch() {
  const { language, setLanguage, t } = useLanguage();
  return (
    <Segmented<Language>
      aria-label={t('header.language')}
      data-testid="language-switch"
      size="small"
      options={OPTIONS}
      value={language}
      onChange={setLanguage}
    />
  );
}
