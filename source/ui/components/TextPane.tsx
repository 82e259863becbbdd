import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Segment} from '../describe/yaml.js';
import {textStyle, useTheme} from '../theme/use-style.js';

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

/** Scrolled lines of text (describe, YAML, help): `height` lines from `top`, blank lines below the end. */
export function TextPane({lines, top, height, width}: {lines: readonly StyledLine[]; top: number; height: number; width: number}) {
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
