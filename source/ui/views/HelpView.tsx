import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {useServices} from '../app-context.js';
import {scrollTo, TextPane, type StyledLine} from '../components/TextPane.js';
import {useKeypress} from '../hooks/use-keypress.js';
import {helpCommands, helpSections} from '../keys/help.js';
import {priority} from '../keys/keypress-bus.js';
import type {HelpView as HelpViewState} from '../state/views.js';
import {useStyle} from '../theme/use-style.js';

/** `?`: every key binding by pane, then the commands, all generated from the binding table and usage lines. */
export function HelpView({view, width, height}: {view: HelpViewState; width: number; height: number}) {
	const {keymap, store} = useServices();
	const lines = useMemo(() => {
		const result: StyledLine[] = [];
		for (const section of helpSections(keymap)) {
			result.push([{text: ` ${section.title}`, token: 'help.section'}]);
			for (const entry of section.entries) {
				result.push([
					{text: `   ${entry.keys.padEnd(22)}`, token: 'help.key'},
					{text: entry.description, token: entry.dangerous ? 'help.dangerous' : 'help.text'},
				]);
			}

			result.push('');
		}

		result.push([{text: ' Commands', token: 'help.section'}]);
		for (const line of helpCommands(keymap.readonly)) result.push([{text: `   ${line}`, token: 'help.text'}]);
		return result;
	}, [keymap]);
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
				<Text {...mutedStyle}>{keymap.readonly ? '  (read-only mode: actions that change the cluster are hidden)' : '  <esc> back'}</Text>
			</Text>
			<TextPane lines={lines} top={view.top} height={paneHeight} width={width}/>
		</Box>
	);
}
