import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Segment} from '../describe/yaml.js';
import {styleText} from '../theme/sgr.js';
import type {Theme} from '../theme/tokens.js';
import {textStyle, useTheme} from '../theme/use-style.js';
import {useColorLevel, useOverlayLines} from './overlay-context.js';

export type StyledLine = string | Segment[];

const PaneLine = memo(function PaneLine({line, width}: {line: StyledLine; width: number}) {
	const theme = useTheme();
	if (typeof line === 'string') return <Text wrap="truncate" {...textStyle(theme.tokens.text)}>{line.slice(0, width) || ' '}</Text>;
	return (
		<Text wrap="truncate">
			{line.map((segment, index) => <Text key={index} {...textStyle(theme.tokens[segment.token])}>{segment.text}</Text>)}
			{line.length === 0 ? ' ' : ''}
		</Text>
	);
});

/** A styled line as escape sequences, cut to the width, for the line overlay. */
export function lineToAnsi(line: StyledLine, width: number, theme: Theme, level: 0 | 1 | 2 | 3): string {
	if (typeof line === 'string') return styleText(line.slice(0, width), theme.tokens.text, level);
	let output = '';
	let room = width;
	for (const segment of line) {
		if (room <= 0) break;
		const text = segment.text.slice(0, room);
		room -= text.length;
		output += styleText(text, theme.tokens[segment.token], level);
	}

	return output;
}

export type TextPaneProps = {
	lines: readonly StyledLine[];
	top: number;
	height: number;
	width: number;
	/** Screen row of the first line, to draw over Ink's frame when the overlay is on. */
	screenTop?: number;
};

/** Scrolled lines of text (describe, YAML, help, logs): `height` lines from `top`, blank lines below the end. */
export function TextPane({lines, top, height, width, screenTop}: TextPaneProps) {
	const theme = useTheme();
	const level = useColorLevel();
	const drawn = useOverlayLines(screenTop, () => {
		const shown: string[] = [];
		for (let offset = 0; offset < height; offset++) shown.push(lineToAnsi(lines[top + offset] ?? '', width, theme, level));
		return shown;
	});
	if (drawn) return <Box width={width} height={height}/>;
	const shown = [];
	for (let offset = 0; offset < height; offset++) {
		const line = lines[top + offset];
		shown.push(<PaneLine key={offset} line={line ?? ''} width={width}/>);
	}

	return <Box flexDirection="column" width={width} height={height}>{shown}</Box>;
}

/** The scroll position after a movement key, kept inside the text. */
export function scrollTo(id: string, top: number, lineCount: number, height: number): number | undefined {
	const last = Math.max(0, lineCount - height);
	switch (id) {
		case 'cursor.down': {
			return Math.min(last, top + 1);
		}

		case 'cursor.up': {
			return Math.max(0, top - 1);
		}

		case 'cursor.top': {
			return 0;
		}

		case 'cursor.bottom': {
			return last;
		}

		case 'page.down': {
			return Math.min(last, top + height);
		}

		case 'page.up': {
			return Math.max(0, top - height);
		}

		default: {
			return undefined;
		}
	}
}
