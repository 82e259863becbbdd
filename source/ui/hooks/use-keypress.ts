import {useEffect, useRef} from 'react';
import {useServices} from '../app-context.js';
import type {KeyHandler} from '../keys/keypress-bus.js';

/**
 * Puts a handler on the keypress bus at a priority while the component is mounted (and `active`).
 * The latest handler is always the one called, without re-registering on every render.
 */
export function useKeypress(layerPriority: number, handler: KeyHandler, active = true): void {
	const {bus} = useServices();
	const current = useRef(handler);
	current.current = handler;
	useEffect(() => {
		if (!active) return;
		return bus.register(layerPriority, key => current.current(key));
	}, [bus, layerPriority, active]);
}
