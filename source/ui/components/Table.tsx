import {Box, Text} from 'ink';
import {memo, useLayoutEffect, useMemo, useRef} from 'react';
import type {Column, LiveContext, Row} from '../render/types.js';
import type {LineOverlay} from '../screen/line-overlay.js';
import {styleText, type ColorLevel} from '../theme/sgr.js';
import type {Style} from '../theme/tokens.js';
import {textStyle, useTheme} from '../theme/use-style.js';
import {formatLine, naturalWidths, padLine, placeColumns, type PlacedColumn} from './table-layout.js';

/** Where rows may be drawn outside Ink: the overlay, the screen row of the first data row, the terminal's colours. */
export type TableOverlay = {overlay: LineOverlay; screenTop: number; colorLevel: ColorLevel};

export type TableProps = {
	columns: readonly Column[];
	rows: readonly Row[];
	selected: number;
	top: number;
	/** Lines for rows (the header is extra). */
	height: number;
	width: number;
	live: LiveContext;
	/** Shown instead of rows when there are none. */
	emptyText?: string;
	/** Draw the rows over Ink's frame (fast path); without it they are Ink text (under a dialog, in tests that ask). */
	overlay?: TableOverlay;
};

const Line = memo(function Line({text, style}: {text: string; style: ReturnType<typeof textStyle>}) {
	return <Text wrap="truncate" {...style}>{text}</Text>;
});

/**
 * A virtualized table: only the rows in view are formatted (35 of 13,000 take well under a millisecond), each as
 * one line in its state's colour, the selected one in the cursor style. Empty lines fill the height so the frame
 * keeps its size. The rows go to the line overlay when there is one, Ink text otherwise.
 */
export function Table({columns, rows, selected, top, height, width, live, emptyText, overlay}: TableProps) {
	const theme = useTheme();
	const natural = useMemo(() => naturalWidths(columns, rows), [columns, rows]);
	const placed = useMemo(() => placeColumns(columns, natural, width), [columns, natural, width]);
	// A row's line is kept until its object, the columns or the clock change: most frames move only the cursor.
	const lineCache = useRef(new WeakMap<Row, {placed: readonly PlacedColumn[]; live: LiveContext; text: string}>());
	const lineOf = (row: Row) => {
		const cached = lineCache.current.get(row);
		if (cached && cached.placed === placed && cached.live === live) return cached.text;
		const text = formatLine(placed, entry => (entry.column.live ? entry.column.live.value(row.object, live) : row.cells[entry.index] ?? ''), width);
		lineCache.current.set(row, {placed, live, text});
		return text;
	};

	const header = formatLine(placed, entry => entry.column.title, width);
	const cursor = theme.tokens['table.cursor'];
	const visible: Array<{key: string; text: string; style: Style}> = [];
	for (let offset = 0; offset < height; offset++) {
		const index = top + offset;
		const row = rows[index];
		if (!row) {
			const text = offset === 0 && rows.length === 0 && emptyText ? ` ${emptyText}` : '';
			visible.push({key: `empty-${offset}`, text, style: theme.tokens['table.empty']});
			continue;
		}

		const base = theme.tokens[`row.${row.state}`];
		const isSelected = index === selected;
		let text = lineOf(row);
		if (isSelected) text = padLine(theme.cursorMark ? theme.cursorMark + text.slice(1) : text, width);
		visible.push({key: row.key, text, style: isSelected ? {...base, ...cursor} : base});
	}

	// The overlay is filled while rendering, so the frame Ink writes for this render finds these rows.
	const owner = useRef({});
	if (overlay) {
		overlay.overlay.set(owner.current, overlay.screenTop, visible.map(line => styleText(line.text, line.style, overlay.colorLevel)));
	}

	const overlayStore = overlay?.overlay;
	useLayoutEffect(() => {
		if (!overlayStore) return;
		const region = owner.current;
		return () => overlayStore.clear(region);
	}, [overlayStore]);

	return (
		<Box flexDirection="column" width={width}>
			<Line text={header} style={textStyle(theme.tokens['table.header'])}/>
			{overlay
				? <Box height={height} width={width}/>
				: visible.map(line => <Line key={line.key} text={line.text} style={textStyle(line.style)}/>)}
		</Box>
	);
}
