import {Text} from 'ink';
import {useEffect} from 'react';
import type {Flash} from '../state/app-state.js';
import {useStyle} from '../theme/use-style.js';

/** How long a message stays, by level: errors stay longer so they can be read. */
const lifetime = {info: 4000, warn: 6000, error: 10_000};

/** The last action's outcome; it fades (clears itself) after a few seconds. */
export function FlashLine({flash, onExpire}: {flash: Flash; onExpire: (id: number) => void}) {
	const style = useStyle(`flash.${flash.level}`);
	useEffect(() => {
		const timer = setTimeout(() => onExpire(flash.id), lifetime[flash.level]);
		return () => clearTimeout(timer);
	}, [flash, onExpire]);
	return <Text wrap="truncate" {...style}>{flash.text.replaceAll('\n', ' ')}</Text>;
}
