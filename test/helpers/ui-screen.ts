/**
 * A small terminal screen for tests: applies the sequences the frame writer emits (cursor position, erase to end
 * of line, scroll regions, scroll up/down, clear) to lines of text, ignoring styles.
 */
export function applyToScreen(lines: readonly string[], bytes: string, height = Math.max(lines.length, 40)): string[] {
	const screen = Array.from({length: height}, (_, row) => lines[row] ?? '');
	let row = 0;
	let column = 0;
	let top = 0;
	let bottom = height - 1;
	const put = (text: string) => {
		const line = screen[row].padEnd(column);
		screen[row] = line.slice(0, column) + text + line.slice(column + text.length);
		column += text.length;
	};

	const pattern = /\u001B\[([\d;?]*)([A-Za-z])|([^\u001B]+)/g;
	for (const match of bytes.matchAll(pattern)) {
		if (match[3] !== undefined) {
			put(match[3]);
			continue;
		}

		const parameters = match[1];
		const numbers = parameters.split(';').map(Number);
		switch (match[2]) {
			case 'H': {
				row = (numbers[0] || 1) - 1;
				column = (numbers[1] || 1) - 1;
				break;
			}

			case 'K': {
				screen[row] = screen[row].slice(0, column);
				break;
			}

			case 'J': {
				if (parameters === '2') screen.fill('');
				break;
			}

			case 'r': {
				top = parameters ? numbers[0] - 1 : 0;
				bottom = parameters ? numbers[1] - 1 : height - 1;
				row = 0;
				column = 0;
				break;
			}

			case 'S': {
				for (let count = 0; count < (numbers[0] || 1); count++) {
					screen.splice(top, 1);
					screen.splice(bottom, 0, '');
				}

				break;
			}

			case 'T': {
				for (let count = 0; count < (numbers[0] || 1); count++) {
					screen.splice(bottom, 1);
					screen.splice(top, 0, '');
				}

				break;
			}

			default: {
				// Styles (m), private modes (h/l): no effect on text.
			}
		}
	}

	return screen;
}
