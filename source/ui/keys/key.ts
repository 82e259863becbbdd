/**
 * A keypress by name: printable keys are their character ('j', 'G', ':'), others are named
 * ('enter', 'esc', 'up', 'pgdn', 'ctrl-d', 'alt-x'). `text` is what a text field inserts.
 */
export type Key = {name: string; text?: string};

const named: Record<string, string> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u001B': 'esc',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u001B[Z': 'shift-tab',
	'\u001B[A': 'up',
	'\u001B[B': 'down',
	'\u001B[C': 'right',
	'\u001B[D': 'left',
	'\u001BOA': 'up',
	'\u001BOB': 'down',
	'\u001BOC': 'right',
	'\u001BOD': 'left',
	'\u001B[5~': 'pgup',
	'\u001B[6~': 'pgdn',
	'\u001B[H': 'home',
	'\u001B[F': 'end',
	'\u001BOH': 'home',
	'\u001BOF': 'end',
	'\u001B[1~': 'home',
	'\u001B[4~': 'end',
	'\u001B[7~': 'home',
	'\u001B[8~': 'end',
	'\u001B[2~': 'insert',
	'\u001B[3~': 'delete',
	'\u001B\u007F': 'alt-backspace',
};

const modifiers: Record<string, string> = {2: 'shift-', 3: 'alt-', 4: 'alt-shift-', 5: 'ctrl-', 6: 'ctrl-shift-'};
const csiLetters: Record<string, string> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end'};

function keyOfSequence(sequence: string): Key | undefined {
	const name = named[sequence];
	if (name) return {name};
	// Modified cursor keys: ESC [ 1 ; 5 A is ctrl-up.
	const modified = /^\u001B\[1;(\d)([A-DHF])$/.exec(sequence);
	if (modified) return {name: `${modifiers[modified[1]] ?? ''}${csiLetters[modified[2]]}`};
	const tilde = /^\u001B\[(\d+);(\d)~$/.exec(sequence);
	if (tilde) {
		const base = named[`\u001B[${tilde[1]}~`];
		if (base) return {name: `${modifiers[tilde[2]] ?? ''}${base}`};
	}

	if (sequence.length === 2 && sequence.startsWith('\u001B')) {
		const inner = keyOfCharacter(sequence[1]);
		return {name: `alt-${inner.name}`};
	}

	return undefined;
}

function keyOfCharacter(character: string): Key {
	const name = named[character];
	if (name) return {name};
	const code = character.codePointAt(0) ?? 0;
	if (code === 0) return {name: 'ctrl-space'};
	if (code < 27) return {name: `ctrl-${String.fromCodePoint(code + 96)}`};
	if (code < 32) return {name: `ctrl-${String.fromCodePoint(code + 64)}`};
	if (character === ' ') return {name: 'space', text: ' '};
	return {name: character, text: character};
}

/**
 * The keys in one input event from the terminal. Escape sequences arrive whole; plain text may arrive several
 * characters at once (typed fast, pasted, or sent by tmux) and is split so each character is routed on its own.
 */
export function parseKeys(input: string): Key[] {
	if (input.startsWith('\u001B') && input.length > 1) {
		const key = keyOfSequence(input);
		if (key) return [key];
		// An unknown sequence is ignored rather than typed into a field as garbage.
		if (/^\u001B[[O]/.test(input)) return [];
	}

	return Array.from(input, character => keyOfCharacter(character));
}
