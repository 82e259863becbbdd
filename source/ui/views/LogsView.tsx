import {Box, Text} from 'ink';
import {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {Pod} from 'kubernetes-types/core/v1.js';
import {useServices} from '../app-context.js';
import {TextPane} from '../components/TextPane.js';
import {useKeypress} from '../hooks/use-keypress.js';
import {priority} from '../keys/keypress-bus.js';
import {openFilterPrompt, type AppAction} from '../state/app-reducer.js';
import {LogBuffer, splitTimestamp, visibleLogLines} from '../state/log-buffer.js';
import type {LogsView as LogsViewState} from '../state/views.js';
import {useStyle} from '../theme/use-style.js';

/** Redraws at most this often while lines pour in: a chatty pod must not turn into a frame per line. */
const redrawInterval = 100;

const sincePresets: Record<string, number> = {
	'logs.since-1m': 60,
	'logs.since-5m': 300,
	'logs.since-15m': 900,
	'logs.since-30m': 1800,
	'logs.since-1h': 3600,
};

function sinceLabel(view: LogsViewState): string {
	if (view.sinceSeconds) return `since ${view.sinceSeconds >= 3600 ? `${view.sinceSeconds / 3600}h` : `${view.sinceSeconds / 60}m`}`;
	return view.tailLines === undefined ? 'head' : `tail ${view.tailLines}`;
}

/**
 * A pod's log, followed: a bounded buffer (setting logBufferLines) fed by the client's stream, redrawn a few times
 * a second, with autoscroll, wrap, timestamps, previous container, since presets, a filter and a container picker.
 */
export function LogsView({view, width, height, screenTop}: {view: LogsViewState; width: number; height: number; screenTop?: number}) {
	const {client, store, keymap, logBufferLines, logTailLines} = useServices();
	const buffer = useMemo(() => new LogBuffer(logBufferLines), [logBufferLines]);
	const [, redraw] = useReducer((count: number) => count + 1, 0);
	const [ended, setEnded] = useState<{error?: string; retrying?: boolean} | undefined>();
	// A container that has not started yet answers with an error: ask again until lines come, as k9s waits for logs.
	const [attempt, setAttempt] = useState(0);
	const [containers, setContainers] = useState<string[]>([]);
	const pending = useRef<NodeJS.Timeout | undefined>(undefined);

	useEffect(() => {
		let cancelled = false;
		client.get('pods', view.namespace, view.pod).then(object => {
			const pod = object as unknown as Pod;
			if (!cancelled) setContainers([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map(container => container.name));
		}, () => undefined);
		return () => {
			cancelled = true;
		};
	}, [client, view.namespace, view.pod]);

	useEffect(() => {
		buffer.clear();
		setEnded(undefined);
		const schedule = () => {
			pending.current ??= setTimeout(() => {
				pending.current = undefined;
				redraw();
			}, redrawInterval);
		};

		let retry: NodeJS.Timeout | undefined;
		const stream = client.logs(
			view.namespace,
			view.pod,
			{container: view.container, follow: !view.previous, tailLines: view.tailLines, sinceSeconds: view.sinceSeconds, timestamps: true, previous: view.previous},
			lines => {
				buffer.push(lines);
				schedule();
			},
			error => {
				const retrying = Boolean(error) && buffer.size === 0 && !view.previous;
				setEnded({error, retrying});
				if (retrying) retry = setTimeout(() => setAttempt(count => count + 1), Math.min(5000, 1000 * (attempt + 1)));
				schedule();
			},
		);
		redraw();
		return () => {
			stream.stop();
			if (retry) clearTimeout(retry);
			if (pending.current) clearTimeout(pending.current);
			pending.current = undefined;
		};
	}, [client, buffer, attempt, view.namespace, view.pod, view.container, view.previous, view.tailLines, view.sinceSeconds, view.generation]);

	const filterText = view.filter.trim().toLowerCase();
	const inverse = filterText.startsWith('!');
	const needle = inverse ? filterText.slice(1) : filterText;
	const shown = useMemo(() => {
		const lines = buffer.toArray().map(line => {
			const {time, text} = splitTimestamp(line);
			return view.timestamps && time ? `${time} ${text}` : text;
		});
		return needle ? lines.filter(line => line.toLowerCase().includes(needle) !== inverse) : lines;
		// The buffer's version stands for its contents.
	}, [buffer, buffer.version, view.timestamps, needle, inverse]);

	const paneHeight = Math.max(1, height - 1);
	const visible = visibleLogLines(shown, {height: paneHeight, width, offset: view.autoscroll ? 0 : view.offset, wrap: view.wrap});
	const maxOffset = Math.max(0, shown.length - paneHeight);

	useKeypress(priority.view, key => {
		const binding = keymap.resolve(key.name, ['logs']);
		if (!binding || binding.panes.includes('global')) return false;
		const set = (patch: Extract<AppAction, {type: 'logs.set'}>['patch']) => {
			store.dispatch({type: 'logs.set', patch});
		};

		const offset = view.autoscroll ? 0 : view.offset;
		switch (binding.id) {
			case 'cursor.up': {
				set({autoscroll: false, offset: Math.min(maxOffset, offset + 1)});
				break;
			}

			case 'cursor.down': {
				const next = Math.max(0, offset - 1);
				set({offset: next, autoscroll: next === 0});
				break;
			}

			case 'page.up': {
				set({autoscroll: false, offset: Math.min(maxOffset, offset + paneHeight)});
				break;
			}

			case 'page.down': {
				const next = Math.max(0, offset - paneHeight);
				set({offset: next, autoscroll: next === 0});
				break;
			}

			case 'cursor.top': {
				set({autoscroll: false, offset: maxOffset});
				break;
			}

			case 'cursor.bottom': {
				set({autoscroll: true, offset: 0});
				break;
			}

			case 'logs.autoscroll': {
				set({autoscroll: !view.autoscroll, offset: view.autoscroll ? 0 : view.offset});
				break;
			}

			case 'logs.wrap': {
				set({wrap: !view.wrap});
				break;
			}

			case 'logs.timestamps': {
				set({timestamps: !view.timestamps});
				break;
			}

			case 'logs.previous': {
				set({previous: !view.previous});
				break;
			}

			case 'logs.tail': {
				set({tailLines: logTailLines, sinceSeconds: undefined, autoscroll: true, offset: 0, generation: view.generation + 1});
				break;
			}

			case 'logs.head': {
				set({tailLines: undefined, sinceSeconds: undefined});
				break;
			}

			case 'logs.container': {
				if (containers.length <= 1) {
					store.dispatch({type: 'flash', level: 'info', text: `${view.pod} has ${containers.length === 1 ? 'one container' : 'no containers'}`});
					break;
				}

				store.dispatch({type: 'dialog.open', dialog: {
					kind: 'pick',
					title: 'Container',
					message: `Logs of which container of ${view.pod}?`,
					choices: containers.map(container => ({label: container, container})),
					selected: Math.max(0, containers.indexOf(view.container ?? '')),
				}});
				break;
			}

			case 'table.filter': {
				store.dispatch({type: 'prompt.open', prompt: openFilterPrompt(view.filter)});
				break;
			}

			default: {
				const since = sincePresets[binding.id];
				if (since) set({sinceSeconds: since, tailLines: undefined});
			}
		}

		return true;
	});

	const titleStyle = useStyle('title');
	const mutedStyle = useStyle('text.muted');
	const filterStyle = useStyle('title.filter');
	const noticeStyle = useStyle('logs.notice');
	// Only what is on, so the title fits: 'autoscroll wrap tail 100'.
	const flags = [view.autoscroll ? 'autoscroll' : 'paused', view.wrap ? 'wrap' : '', view.timestamps ? 'timestamps' : '', sinceLabel(view), view.previous ? 'previous' : '']
		.filter(Boolean).join(' ');
	let state = '';
	if (ended?.retrying) state = `  waiting for logs (${ended.error ?? ''})…`;
	else if (ended?.error) state = `  ${ended.error}`;
	else if (ended) state = '  (stream ended: <0> follows again)';
	else if (buffer.size === 0) state = '  waiting for logs…';
	const lines = useMemo(() => visible.map(line => [{text: line, token: 'logs.text' as const}]), [visible.join('\n')]);

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text {...titleStyle}>{` Logs ${view.namespace}/${view.pod}${view.container ? `:${view.container}` : ''}`}</Text>
				<Text {...mutedStyle}>{`  [${flags}]  ${shown.length} lines${buffer.dropped > 0 ? ` (${buffer.dropped} older dropped)` : ''}`}</Text>
				{view.filter ? <Text {...filterStyle}>{` </${view.filter}>`}</Text> : undefined}
				<Text {...noticeStyle}>{state}</Text>
			</Text>
			<TextPane lines={lines} top={0} height={paneHeight} width={width} screenTop={screenTop === undefined ? undefined : screenTop + 1}/>
		</Box>
	);
}
