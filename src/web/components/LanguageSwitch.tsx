import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/auth';
import type { Locale } from '../lib/i18n';

/** Tiếng Việt / English: changes the whole interface at once and remembers the choice. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { setLocale } = useAuth();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('layout.language')}
      data-testid="language-switch"
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(v) => void setLocale(v as Locale)}
      data={[
        { value: 'vi', label: <span lang="vi">Tiếng Việt</span> },
        { value: 'en', label: <span lang="en">English</span> },
      ]}
    />
  );
}
