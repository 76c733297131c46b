import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSOLE_SHORTCUTS, type ConsoleCommand } from '../utils/keyboard-map.util';

const LABEL_KEYS: Record<ConsoleCommand, `dispatchConsole.help.${'next' | 'previous' | 'open_' | 'verify' | 'dispatch' | 'reject' | 'help' | 'close_'}`> = {
  next: 'dispatchConsole.help.next',
  previous: 'dispatchConsole.help.previous',
  open: 'dispatchConsole.help.open_',
  verify: 'dispatchConsole.help.verify',
  dispatch: 'dispatchConsole.help.dispatch',
  reject: 'dispatchConsole.help.reject',
  help: 'dispatchConsole.help.help',
  close: 'dispatchConsole.help.close_',
};

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

/** The list of keyboard shortcuts, as a modal dialog (`?` opens and closes it). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="shortcuts-help" aria-labelledby="shortcuts-title" onClose={onClose} data-testid="shortcuts-help">
      <h2 id="shortcuts-title">{t('dispatchConsole.help.title')}</h2>
      <dl>
        {CONSOLE_SHORTCUTS.map(({ keys, command }) => (
          <div key={command} className="shortcuts-help__row">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{KEY_NAMES[key] ?? key.toUpperCase()}</kbd>
              ))}
            </dt>
            <dd>{t(LABEL_KEYS[command])}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose}>
        {t('dispatchConsole.help.close')}
      </button>
    </dialog>
  );
}
