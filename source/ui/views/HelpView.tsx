import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {useServices} from '../app-context.js';
import {scrollTo, TextPane, type StyledLine} from '../components/TextPane.js';
import type {Segment} from '../describe/yaml.js';
import {useKeypress} from '../hooks/use-keypress.js';
import {helpCommands, helpSections, type HelpSection} from '../keys/help.js';
import {priority} from '../keys/keypress-bus.js';
import type {HelpView as HelpViewState} from '../state/views.js';
import {useStyle} from '../theme/use-style.js';

const keyWidth = 20;
const columnWidth = 58;

/** A section as lines of exactly `width` characters, so sections can stand side by side. */
function sectionLines(section: HelpSection, width: number): Segment[][] {
	const lines: Segment[][] = [[{text: ` ${section.title}`.padEnd(width).slice(0, width), token: 'help.section'}]];
	for (const entry of section.entries) {
		lines.push([
			{text: `  ${entry.keys}`.padEnd(keyWidth).slice(0, keyWidth) + ' ', token: 'help.key'},
			{text: entry.description.padEnd(width - keyWidth - 1).slice(0, width - keyWidth - 1), token: entry.dangerous ? 'help.dangerous' : 'help.text'},
		]);
	}

	lines.push([{text: ' '.repeat(width), token: 'help.text'}]);
	return lines;
}

/** Sections flowed into as many columns as fit, each column filled before the next, shortest column first. */
export function helpColumns(sections: readonly HelpSection[], width: number): Segment[][] {
	const count = Math.max(1, Math.floor(width / columnWidth));
	const columns: Segment[][][] = Array.from({length: count}, () => []);
	const total = sections.reduce((sum, section) => sum + section.entries.length + 2, 0);
	const target = Math.ceil(total / count);
	let column = 0;
	for (const section of sections) {
		if (columns[column].length > 0 && columns[column].length + section.entries.length + 2 > target && column < count - 1) column++;
		columns[column].push(...sectionLines(section, columnWidth));
	}

	const height = Math.max(...columns.map(lines => lines.length));
	const rows: Segment[][] = [];
	for (let row = 0; row < height; row++) {
		rows.push(columns.flatMap(lines => lines[row] ?? [{text: ' '.repeat(columnWidth), token: 'help.text'}]));
	}

	return rows;
}

/** `?`: every key binding by pane, then the commands, all generated from the binding table and usage lines. */
export function HelpView({view, width, height, screenTop}: {view: HelpViewState; width: number; height: number; screenTop?: number}) {
	const {keymap, store} = useServices();
	const lines = useMemo(() => {
		const result: StyledLine[] = [...helpColumns(helpSections(keymap), width)];
		result.push([{text: ' Commands', token: 'help.section'}]);
		for (const line of helpCommands(keymap.readonly)) result.push([{text: `   ${line}`, token: 'help.text'}]);
		return result;
	}, [keymap, width]);
	const paneHeight = Math.max(1, height - 1);
	useKeypress(priority.view, key => {
		const binding = keymap.resolve(key.name, ['text']);
		if (!binding || binding.panes.includes('global')) return false;
		const top = scrollTo(binding.id, view.top, lines.length, paneHeight);
		if (top !== undefined) store.dispatch({type: 'text.scroll', top});
		return true;
	});
	const titleStyle = useStyle('title');
	const mutedStyle = useStyle('text.muted');
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text {...titleStyle}> Help</Text>
				<Text {...mutedStyle}>{keymap.readonly ? '  (read-only mode: actions that change the cluster are hidden)' : '  <esc> back  <j>/<k> scroll'}</Text>
			</Text>
			<TextPane lines={lines} top={view.top} height={paneHeight} width={width} screenTop={screenTop === undefined ? undefined : screenTop + 1}/>
		</Box>
	);
}
