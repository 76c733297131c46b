import { CONSOLE_SHORTCUTS, commandForKey, isEditableTarget } from './keyboard-map.util';

const press = (key: string, extra: Partial<Parameters<typeof commandForKey>[0]> = {}) => commandForKey({ key, inEditableField: false, ...extra });

describe('the console keyboard map', () => {
  it.each([
    ['j', 'next'],
    ['J', 'next'],
    ['ArrowDown', 'next'],
    ['k', 'previous'],
    ['ArrowUp', 'previous'],
    ['v', 'verify'],
    ['V', 'verify'],
    ['d', 'dispatch'],
    ['r', 'reject'],
    ['Enter', 'open'],
    ['?', 'help'],
    ['Escape', 'close'],
  ])('maps %p to %p', (key, command) => {
    expect(press(key)).toBe(command);
  });

  it('ignores other keys and keys with Ctrl, Cmd or Alt (those are the browser’s)', () => {
    expect(press('x')).toBeNull();
    expect(press('Tab')).toBeNull();
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('d', { metaKey: true })).toBeNull();
    expect(press('v', { altKey: true })).toBeNull();
  });

  it('lets typing in a field be typing; only Escape still closes', () => {
    expect(press('v', { inEditableField: true })).toBeNull();
    expect(press('Enter', { inEditableField: true })).toBeNull();
    expect(press('Escape', { inEditableField: true })).toBe('close');
  });

  it('lists each command once in the help, every key mapped to its command', () => {
    const commands = CONSOLE_SHORTCUTS.map((shortcut) => shortcut.command);
    expect(new Set(commands).size).toBe(commands.length);
    for (const { keys, command } of CONSOLE_SHORTCUTS) for (const key of keys) expect(press(key)).toBe(command);
  });

  it('tells text fields from buttons and boxes', () => {
    expect(isEditableTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isEditableTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditableTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
