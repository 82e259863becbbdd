import {Box, Text} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import {useServices} from '../app-context.js';
import {scrollTo, TextPane, type StyledLine} from '../components/TextPane.js';
import {hangingWrap} from '../components/wrap.js';
import {describeObject} from '../describe/describe.js';
import {highlightYamlLine, objectYaml, type Segment} from '../describe/yaml.js';
import {useKeypress} from '../hooks/use-keypress.js';
import {priority} from '../keys/keypress-bus.js';
import type {TextView as TextViewState} from '../state/views.js';
import {useStyle} from '../theme/use-style.js';

/** How often an open describe or YAML view fetches the object again. */
const refreshInterval = 5000;

function describeLine(line: string): StyledLine {
	const match = /^(\s*)([A-Za-z][\w ./()-]*:)(\s.*)?$/.exec(line);
	if (!match) return line;
	const segments: Segment[] = [{text: match[1], token: 'describe.value'}, {text: match[2], token: 'describe.label'}];
	if (match[3]) segments.push({text: match[3], token: 'describe.value'});
	return segments;
}

/** `d` and `y` on a row: the object described like kubectl describe, or as highlighted YAML, refreshed live. */
export function TextView({view, width, height, screenTop}: {view: TextViewState; width: number; height: number; screenTop?: number}) {
	const {client, store, keymap} = useServices();
	const [lines, setLines] = useState<string[] | undefined>();
	const [error, setError] = useState<string | undefined>();
	useEffect(() => {
		let cancelled = false;
		const load = async () => {
			try {
				const next = view.type === 'yaml'
					? objectYaml(await client.get(view.resource, view.namespace, view.name))
					: await describeObject(client, view.resource, view.namespace, view.name, Date.now());
				if (cancelled) return;
				setLines(previous => (previous && previous.join('\n') === next.join('\n') ? previous : next));
				setError(undefined);
			} catch (caught) {
				if (!cancelled) setError((caught as Error).message);
			}
		};

		void load();
		const timer = setInterval(() => void load(), refreshInterval);
		timer.unref?.();
		return () => {
			cancelled = true;
			clearInterval(timer);
		};
	}, [client, view.type, view.resource, view.namespace, view.name]);

	// Describe output wraps long values (event messages) under their column; YAML lines are cut at the edge.
	const styled = useMemo(() => (lines ?? []).flatMap(line => (view.type === 'yaml'
		? [highlightYamlLine(line)]
		: hangingWrap(line, width).map((piece, index) => (index === 0 ? describeLine(piece) : piece)))), [lines, view.type, width]);
	const paneHeight = Math.max(1, height - 1);
	useKeypress(priority.view, key => {
		const binding = keymap.resolve(key.name, ['text']);
		if (!binding || binding.panes.includes('global')) return false;
		const top = scrollTo(binding.id, view.top, styled.length, paneHeight);
		if (top !== undefined) store.dispatch({type: 'text.scroll', top});
		return true;
	});

	const titleStyle = useStyle('title');
	const mutedStyle = useStyle('text.muted');
	const title = `${view.type === 'yaml' ? 'YAML' : 'Describe'} ${view.resource}/${view.name}${view.namespace ? ` (${view.namespace})` : ''}`;
	let status = '';
	if (error) status = `  ${error}`;
	else if (!lines) status = '  loading…';
	else if (styled.length > paneHeight) status = `  ${view.top + 1}-${Math.min(styled.length, view.top + paneHeight)}/${styled.length}`;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text {...titleStyle}>{` ${title}`}</Text>
				<Text {...mutedStyle}>{status}</Text>
			</Text>
			<TextPane lines={styled} top={view.top} height={paneHeight} width={width} screenTop={screenTop === undefined ? undefined : screenTop + 1}/>
		</Box>
	);
}
