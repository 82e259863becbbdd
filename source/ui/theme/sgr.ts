import type {Style} from './tokens.js';

/** How many colours the terminal shows: 0 none, 1 the 16 basic ones, 2 256 colours, 3 true colour. */
export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * The colour level of a terminal, decided like chalk does for Ink's own text: FORCE_COLOR wins, then no colour off a
 * TTY or on a dumb terminal, then what COLORTERM and TERM announce.
 */
export function colorLevel(stream: {isTTY?: boolean}, environment: NodeJS.ProcessEnv): ColorLevel {
	const forced = environment['FORCE_COLOR'];
	if (forced !== undefined) {
		if (forced === '' || forced === 'true') return 1;
		if (forced === 'false') return 0;
		const level = Number(forced);
		return (Number.isInteger(level) ? Math.min(3, Math.max(0, level)) : 1) as ColorLevel;
	}

	if (!stream.isTTY || environment['TERM'] === 'dumb') return 0;
	const colorTerm = environment['COLORTERM'] ?? '';
	if (colorTerm === 'truecolor' || colorTerm === '24bit') return 3;
	if (/-256(color)?$/i.test(environment['TERM'] ?? '')) return 2;
	return 1;
}

const basic: Record<string, number> = {
	black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37,
	gray: 90, grey: 90, blackBright: 90, redBright: 91, greenBright: 92, yellowBright: 93,
	blueBright: 94, magentaBright: 95, cyanBright: 96, whiteBright: 97,
};

/** The 16 basic colours as RGB, to map hex colours down on terminals without more. */
const basicRgb: Array<[number, number, number, number]> = [
	[30, 0, 0, 0], [31, 205, 0, 0], [32, 0, 205, 0], [33, 205, 205, 0], [34, 0, 0, 238], [35, 205, 0, 205], [36, 0, 205, 205], [37, 229, 229, 229],
	[90, 127, 127, 127], [91, 255, 0, 0], [92, 0, 255, 0], [93, 255, 255, 0], [94, 92, 92, 255], [95, 255, 0, 255], [96, 0, 255, 255], [97, 255, 255, 255],
];

function parseHex(color: string): [number, number, number] | undefined {
	const match = /^#?([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(color) ?? /^#?([\da-f])([\da-f])([\da-f])$/i.exec(color);
	if (!match) return undefined;
	const part = (text: string) => Number.parseInt(text.length === 1 ? text + text : text, 16);
	return [part(match[1]), part(match[2]), part(match[3])];
}

function ansi256([red, green, blue]: [number, number, number]): number {
	if (red === green && green === blue) {
		if (red < 8) return 16;
		if (red > 248) return 231;
		return Math.round(((red - 8) / 247) * 24) + 232;
	}

	const scale = (value: number) => Math.round((value / 255) * 5);
	return 16 + (36 * scale(red)) + (6 * scale(green)) + scale(blue);
}

function nearestBasic([red, green, blue]: [number, number, number]): number {
	let best = basicRgb[0];
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const entry of basicRgb) {
		const distance = ((entry[1] - red) ** 2) + ((entry[2] - green) ** 2) + ((entry[3] - blue) ** 2);
		if (distance < bestDistance) {
			best = entry;
			bestDistance = distance;
		}
	}

	return best[0];
}

/** SGR parameters for a colour, foreground or background, at a colour level; undefined for the terminal's own. */
function colorCode(color: string | undefined, background: boolean, level: ColorLevel): string | undefined {
	if (!color || color === 'default' || level === 0) return undefined;
	const named = basic[color];
	if (named !== undefined) return String(named + (background ? 10 : 0));
	const rgb = parseHex(color);
	if (!rgb) return undefined;
	if (level === 3) return `${background ? 48 : 38};2;${rgb.join(';')}`;
	if (level === 2) return `${background ? 48 : 38};5;${ansi256(rgb)}`;
	return String(nearestBasic(rgb) + (background ? 10 : 0));
}

/**
 * A line of text in a style, as escape sequences: one opening sequence and a reset at the end. Without colour
 * (level 0) the text comes back plain, attributes included, as Ink does (chalk drops them all).
 */
export function styleText(text: string, style: Style, level: ColorLevel): string {
	if (level === 0 || text === '') return text;
	const codes: string[] = [];
	if (style.bold) codes.push('1');
	if (style.dim) codes.push('2');
	if (style.italic) codes.push('3');
	if (style.underline) codes.push('4');
	if (style.inverse) codes.push('7');
	const foreground = colorCode(style.fg, false, level);
	if (foreground) codes.push(foreground);
	const background = colorCode(style.bg, true, level);
	if (background) codes.push(background);
	return codes.length === 0 ? text : `\u001B[${codes.join(';')}m${text}\u001B[0m`;
}
