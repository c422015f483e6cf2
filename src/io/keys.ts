// Turns what a terminal in raw mode sends into keys: printable characters, control keys and the
// escape sequences of arrows, paging and Home/End (both the xterm and the VT220 spellings).

/** One key press. `char` holds the text of a printable key; other keys have a name. */
export type Key =
  | { name: 'char'; char: string }
  | {
      name:
        | 'up'
        | 'down'
        | 'left'
        | 'right'
        | 'pageup'
        | 'pagedown'
        | 'home'
        | 'end'
        | 'enter'
        | 'escape'
        | 'backspace'
        | 'tab'
        | 'ctrl-c'
        | 'ctrl-k'
        | 'ctrl-l'
        | 'ctrl-u'
        | 'unknown';
    };

const SEQUENCES: Readonly<Record<string, Key['name']>> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  '[H': 'home',
  '[F': 'end',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[7~': 'home',
  '[4~': 'end',
  '[8~': 'end',
  '[5~': 'pageup',
  '[6~': 'pagedown',
};

const CONTROLS: Readonly<Record<string, Key['name']>> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\u0003': 'ctrl-c',
  '\u000b': 'ctrl-k',
  '\u000c': 'ctrl-l',
  '\u0015': 'ctrl-u',
};

/**
 * The keys in one chunk of raw terminal input. A lone ESC (or one followed by something that is not
 * a sequence) is the Escape key; a sequence split across chunks is rare on a terminal and reads as
 * Escape followed by characters.
 */
export function parseKeys(text: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\u001b') {
      // CSI: ESC [ parameters final-byte; SS3: ESC O letter.
      const csi = /^\u001b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(text.slice(i));
      if (csi !== null) {
        const body = (csi[1] as string).replace(/^\[1;\d+([A-Za-z])$/, '[$1');
        keys.push({ name: SEQUENCES[body] ?? 'unknown' } as Key);
        i += csi[0].length;
        continue;
      }
      keys.push({ name: 'escape' });
      i += 1;
      continue;
    }
    const control = CONTROLS[ch];
    if (control !== undefined) {
      // A terminal sends CR LF for Enter when its mode is cooked half way: one key.
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      keys.push({ name: control } as Key);
      i += 1;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20) {
      keys.push({ name: 'unknown' });
      i += 1;
      continue;
    }
    const char = String.fromCodePoint(code);
    keys.push({ name: 'char', char });
    i += char.length;
  }
  return keys;
}
