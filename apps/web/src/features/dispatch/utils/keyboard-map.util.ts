/** What a key does in the console's queue. */
export type ConsoleCommand = 'next' | 'previous' | 'verify' | 'dispatch' | 'reject' | 'open' | 'help' | 'close';

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The key went to a text field, select or editable element: typing there is never a command. */
  inEditableField: boolean;
}

/** The shortcuts, in the order the help lists them. */
export const CONSOLE_SHORTCUTS: readonly { keys: string[]; command: ConsoleCommand }[] = [
  { keys: ['j', 'ArrowDown'], command: 'next' },
  { keys: ['k', 'ArrowUp'], command: 'previous' },
  { keys: ['Enter'], command: 'open' },
  { keys: ['v'], command: 'verify' },
  { keys: ['d'], command: 'dispatch' },
  { keys: ['r'], command: 'reject' },
  { keys: ['?'], command: 'help' },
  { keys: ['Escape'], command: 'close' },
];

const BY_KEY = new Map(CONSOLE_SHORTCUTS.flatMap(({ keys, command }) => keys.map((key) => [key, command] as const)));

/** The command for a key press, or null: modified keys belong to the browser, typing to the field. */
export function commandForKey(press: KeyPress): ConsoleCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.inEditableField) return press.key === 'Escape' ? 'close' : null;
  // Caps Lock or Shift must not turn "v" into nothing; "?" is Shift+/ already.
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return BY_KEY.get(key === '?' ? '?' : key) ?? null;
}

/** The parts of an event target that tell whether it takes typed text. */
export interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

/** Whether an event target takes typed text (so single-letter shortcuts stay off). */
export function isEditableTarget(target: TargetLike | EventTarget | null): boolean {
  if (!target || typeof target !== 'object') return false;
  const element = target as TargetLike;
  if (element.isContentEditable) return true;
  const tag = element.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type ?? 'text');
}
