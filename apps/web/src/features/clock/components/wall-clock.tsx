import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { useNow } from '../hooks/use-now';
import { formatCityDate, formatCityTime } from '../utils/format-age.util';

/** Mỹ Tho local time, large, for the wall. */
export function WallClock() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const now = useNow(1000);
  return (
    <div className="wall-clock">
      <time className="wall-clock__time" dateTime={new Date(now).toISOString()}>
        {formatCityTime(now, language)}
      </time>
      <span className="wall-clock__date">
        {formatCityDate(now, language)} · {t('wall.localTime')}
      </span>
    </div>
  );
}
