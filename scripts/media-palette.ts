/** The colours of the pictured terminal: a dark background and the 256 xterm colours. */

export const background = '#1b1e24';
export const foreground = '#c8ccd4';
export const titleBar = '#2a2e36';
export const titleText = '#9aa1ad';

/** The sixteen ANSI colours, normal then bright. */
const ansi = [
	'#3a3f4b', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#c8ccd4',
	'#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#7cc4ff', '#de9bf0', '#6fd3df', '#ffffff',
];

const hex = (red: number, green: number, blue: number) => `#${[red, green, blue].map(value => value.toString(16).padStart(2, '0')).join('')}`;

/** Colours 16-231 are a 6x6x6 cube, 232-255 a ramp of greys, as xterm defines them. */
function paletteColour(index: number): string {
	if (index < 16) return ansi[index];
	if (index < 232) {
		const levels = [0, 95, 135, 175, 215, 255];
		const offset = index - 16;
		return hex(levels[Math.floor(offset / 36)], levels[Math.floor(offset / 6) % 6], levels[offset % 6]);
	}

	const grey = 8 + (index - 232) * 10;
	return hex(grey, grey, grey);
}

export const palette: readonly string[] = Array.from({length: 256}, (_, index) => paletteColour(index));

/** A 24-bit colour as xterm stores it (0xRRGGBB). */
export function rgbColour(value: number): string {
	return hex((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
}
