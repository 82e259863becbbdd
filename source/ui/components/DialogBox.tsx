import {Box, Text} from 'ink';
import type {Dialog} from '../state/app-state.js';
import {useStyle} from '../theme/use-style.js';
import {wordWrap} from './wrap.js';

/** A confirmation or choice, drawn over the view; every line is padded so nothing underneath shows through. */
export function DialogBox({dialog, width}: {dialog: Dialog; width: number}) {
	const border = useStyle('dialog.border');
	const title = useStyle('dialog.title');
	const text = useStyle('dialog.text');
	const choice = useStyle('dialog.choice');
	const active = useStyle('dialog.choice.active');
	const inner = Math.max(20, Math.min(width - 4, 72));
	const pad = (line: string) => ` ${line}`.padEnd(inner).slice(0, inner);
	const messageLines = wordWrap(dialog.message, inner - 2);
	const vertical = dialog.kind === 'pick';
	return (
		<Box flexDirection="column" borderStyle="round" {...(border.color ? {borderColor: border.color} : {})} width={inner + 2}>
			<Text {...title}>{pad(dialog.title)}</Text>
			<Text>{pad('')}</Text>
			{messageLines.map((line, index) => <Text key={index} {...text}>{pad(line)}</Text>)}
			<Text>{pad('')}</Text>
			{vertical
				? dialog.choices.map((entry, index) => (
					<Text key={entry.label}>
						<Text>{'  '}</Text>
						<Text {...(index === dialog.selected ? active : choice)}>{` ${entry.label} `.padEnd(inner - 4)}</Text>
						<Text>{'  '}</Text>
					</Text>
				))
				: (
					<Text>
						<Text>{' '}</Text>
						{dialog.choices.map((entry, index) => (
							<Text key={entry.label}>
								<Text {...(index === dialog.selected ? active : choice)}>{` ${entry.label} `}</Text>
								<Text>{' '}</Text>
							</Text>
						))}
						<Text>{' '.repeat(Math.max(0, inner - 1 - dialog.choices.reduce((sum, entry) => sum + entry.label.length + 3, 0)))}</Text>
					</Text>
				)}
			<Text>{pad('')}</Text>
		</Box>
	);
}
