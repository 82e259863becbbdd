import {Text} from 'ink';
import type {Prompt} from '../state/app-state.js';
import {useStyle} from '../theme/use-style.js';

const marks: Record<Prompt['kind'], string> = {command: ':', filter: '/', input: ''};

/** The command line, filter or question at the bottom, with a block cursor. */
export function PromptLine({prompt}: {prompt: Prompt}) {
	const mark = useStyle('prompt');
	const text = useStyle('prompt.text');
	const cursor = useStyle('prompt.cursor');
	const suggestion = useStyle('prompt.suggestion');
	const {text: value, cursor: position} = prompt.line;
	const label = prompt.kind === 'input' ? `${prompt.label} ` : marks[prompt.kind];
	const completions = prompt.kind === 'command' ? prompt.completions : [];
	return (
		<Text wrap="truncate">
			<Text {...mark}>{label}</Text>
			<Text {...text}>{value.slice(0, position)}</Text>
			<Text {...cursor}>{value[position] ?? ' '}</Text>
			<Text {...text}>{value.slice(position + 1)}</Text>
			{completions.length > 0 ? <Text {...suggestion}>{`   ${completions.slice(0, 12).join('  ')}`}</Text> : undefined}
		</Text>
	);
}
