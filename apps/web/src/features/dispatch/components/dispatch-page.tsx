import type { Agency } from '@mekong-ioc/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../i18n/error-message';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import { dispatchApi } from '../api/dispatch-api';
import { useAlertSound } from '../hooks/use-alert-sound';
import { useLiveIncidents } from '../hooks/use-live-incidents';
import { useNow } from '../hooks/use-now';
import { useRemote } from '../hooks/use-remote';
import { filterQueue, NO_FILTERS, sortQueue, type QueueFilters as Filters } from '../utils/incident-queue.util';
import { commandForKey, isEditableTarget, type ConsoleCommand } from '../utils/keyboard-map.util';
import '../dispatch.css';
import { AlertPanel } from './alert-panel';
import { IncidentDetailPanel } from './incident-detail-panel';
import { IncidentQueue } from './incident-queue';
import { QueueFilters } from './queue-filters';
import { ShortcutsHelp } from './shortcuts-help';

const NO_AGENCIES: Agency[] = [];

/**
 * `/dispatch`: the duty officer's console. The queue (most urgent first, live countdowns) on the
 * left, the chosen incident on the right; every change anywhere arrives on the live `incidents`
 * topic and refreshes both. Keyboard: J/K, Enter, V, D, R, ? (see the help).
 */
export function DispatchPage() {
  const { t } = useTranslation();
  usePageTitle(t('dispatchConsole.title'));
  const live = useLiveIncidents();
  const now = useNow();
  const sound = useAlertSound();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const commandsRef = useRef<((name: ConsoleCommand) => void) | null>(null);
  const [queueNonce, setQueueNonce] = useState(0);

  const loadQueue = useCallback(() => dispatchApi.queue(), []);
  const [queue] = useRemote(loadQueue, `${live.changeKey}:${queueNonce}`);
  const loadAgencies = useCallback(() => dispatchApi.agencies(), []);
  const [agencyList] = useRemote(loadAgencies, 'once');
  const agencies = agencyList.status === 'ready' ? agencyList.data : NO_AGENCIES;
  const agencyById = useMemo(() => new Map(agencies.map((agency) => [agency.id, agency])), [agencies]);

  const items = useMemo(() => (queue.status === 'loading' ? [] : (queue.data?.items ?? [])), [queue]);
  const visible = useMemo(() => sortQueue(filterQueue(items, filters), now), [items, filters, now]);

  // New incidents since the console opened: a beep (unless muted) and a mark until looked at.
  const createdIds = live.state?.createdIds;
  const [seenIds, setSeenIds] = useState<ReadonlySet<string>>(new Set());
  const freshIds = useMemo(() => new Set((createdIds ?? []).filter((id) => !seenIds.has(id))), [createdIds, seenIds]);
  const heard = useRef(0);
  const { beep } = sound;
  useEffect(() => {
    const count = createdIds?.length ?? 0;
    if (count > heard.current) beep();
    heard.current = count;
  }, [createdIds, beep]);

  const select = useCallback((id: string) => {
    setSelectedId(id);
    setSeenIds((previous) => (previous.has(id) ? previous : new Set([...previous, id])));
  }, []);

  const onChanged = useCallback(() => setQueueNonce((value) => value + 1), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const name = commandForKey({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inEditableField: isEditableTarget(event.target) });
      if (!name) return;
      // Enter on a focused button or link keeps its own meaning.
      if (name === 'open' && event.target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(event.target.tagName)) return;
      event.preventDefault();
      if (name === 'help') return setHelpOpen((open) => !open);
      if (name === 'close') setHelpOpen(false);
      if (name === 'next' || name === 'previous') {
        const index = visible.findIndex((incident) => incident.id === selectedId);
        const nextIndex = index < 0 ? 0 : Math.min(visible.length - 1, Math.max(0, index + (name === 'next' ? 1 : -1)));
        const next = visible[nextIndex];
        if (next) select(next.id);
        return;
      }
      commandsRef.current?.(name);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visible, selectedId, select]);

  return (
    <div className="dispatch-console" data-testid="dispatch-console">
      <header className="dispatch-console__bar">
        <h1>{t('dispatchConsole.title')}</h1>
        <span className={`live-badge live-badge--${live.connection}`} role="status" data-testid="live-status">
          {t(`dispatchConsole.live.${live.connection}`)}
        </span>
        <span className="dispatch-console__tools">
          <button type="button" className="button" aria-pressed={sound.muted} onClick={sound.toggleMuted} data-testid="sound-toggle">
            {sound.muted ? t('dispatchConsole.sound.unmute') : t('dispatchConsole.sound.mute')}
          </button>
          <button type="button" className="button" onClick={() => setHelpOpen(true)}>
            {t('dispatchConsole.help.open')}
          </button>
        </span>
      </header>

      <AlertPanel onShowIncident={select} />

      <QueueFilters filters={filters} agencies={agencies} onChange={setFilters} />

      <div className="dispatch-console__body">
        <section className="dispatch-console__queue" aria-labelledby="queue-title">
          <h2 id="queue-title" className="visually-hidden">
            {t('dispatchConsole.queue.label')}
          </h2>
          <p className="muted" data-testid="queue-count">
            {t('dispatchConsole.queue.count', { n: visible.length })}
          </p>
          {queue.status === 'loading' && <p className="page-status">{t('dispatchConsole.queue.loading')}</p>}
          {queue.status === 'failed' && (
            <p className="form-error" role="alert">
              {t('dispatchConsole.queue.failed', { message: errorMessage(t, queue.error) })}
            </p>
          )}
          {queue.status !== 'loading' && !visible.length && (
            <p>{items.length ? t('dispatchConsole.queue.emptyFiltered') : t('dispatchConsole.queue.empty')}</p>
          )}
          <IncidentQueue items={visible} selectedId={selectedId} freshIds={freshIds} agencies={agencyById} now={now} onSelect={select} />
        </section>
        <section className="dispatch-console__detail" aria-label={t('dispatchConsole.detail.none')}>
          {selectedId ? (
            <IncidentDetailPanel
              key={selectedId}
              incidentId={selectedId}
              changeKey={live.changeKey}
              queueItems={items}
              agencies={agencies}
              commandsRef={commandsRef}
              now={now}
              onChanged={onChanged}
            />
          ) : (
            <p className="page-status">{t('dispatchConsole.detail.none')}</p>
          )}
        </section>
      </div>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
