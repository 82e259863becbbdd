import {Text} from 'ink';
import {memo} from 'react';
import type {Binding} from '../keys/bindings.js';
import {useStyle} from '../theme/use-style.js';

/** The most useful keys of the current pane, from the binding table: <d> Describe  <l> Logs ... */
export const HintLine = memo(function HintLine({bindings}: {bindings: readonly Binding[]}) {
	const key = useStyle('hint.key');
	const text = useStyle('hint.text');
	return (
		<Text wrap="truncate">
			{bindings.filter(binding => binding.hint).map(binding => (
				<Text key={binding.id}>
					<Text {...key}>{`<${binding.keys[0]}>`}</Text>
					<Text {...text}>{` ${binding.description}  `}</Text>
				</Text>
			))}
		</Text>
	);
});
