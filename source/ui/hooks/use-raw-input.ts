import {useStdin} from 'ink';
import {useEffect} from 'react';
import {parseKeys} from '../keys/key.js';
import type {KeypressBus} from '../keys/keypress-bus.js';

/**
 * Feeds terminal input to the bus. Ink's own useInput flattens keys (backspace arrives as 'delete', pasted text as one
 * string), so the raw events are read from Ink's input emitter and named here.
 */
export function useRawInput(bus: KeypressBus): void {
	const {setRawMode, isRawModeSupported, internal_eventEmitter: events} = useStdin();
	useEffect(() => {
		if (isRawModeSupported) setRawMode(true);
		const onInput = (input: string) => {
			for (const key of parseKeys(input)) bus.emit(key);
		};

		events.on('input', onInput);
		return () => {
			events.off('input', onInput);
			if (isRawModeSupported) setRawMode(false);
		};
	}, [bus, events, setRawMode, isRawModeSupported]);
}
