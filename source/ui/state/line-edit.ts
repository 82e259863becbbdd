/** A one-line text field (command line, filter, prompts) as a pure reducer. */
export type Line = {text: string; cursor: number};

export const emptyLine: Line = {text: '', cursor: 0};

export function lineOf(text: string): Line {
	return {text, cursor: text.length};
}

export type LineAction =
	| {type: 'insert'; text: string}
	| {type: 'backspace'}
	| {type: 'delete'}
	| {type: 'left'}
	| {type: 'right'}
	| {type: 'home'}
	| {type: 'end'}
	| {type: 'delete-word'}
	| {type: 'clear'};

export function lineReducer(line: Line, action: LineAction): Line {
	const {text, cursor} = line;
	switch (action.type) {
		case 'insert': {
			return {text: text.slice(0, cursor) + action.text + text.slice(cursor), cursor: cursor + action.text.length};
		}

		case 'backspace': {
			return cursor === 0 ? line : {text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1};
		}

		case 'delete': {
			return {text: text.slice(0, cursor) + text.slice(cursor + 1), cursor};
		}

		case 'left': {
			return {text, cursor: Math.max(0, cursor - 1)};
		}

		case 'right': {
			return {text, cursor: Math.min(text.length, cursor + 1)};
		}

		case 'home': {
			return {text, cursor: 0};
		}

		case 'end': {
			return {text, cursor: text.length};
		}

		case 'delete-word': {
			const before = text.slice(0, cursor).replace(/\S*\s*$/, '');
			return {text: before + text.slice(cursor), cursor: before.length};
		}

		case 'clear': {
			return emptyLine;
		}
	}
}
