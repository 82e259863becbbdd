import {useEffect, useState} from 'react';
import type {KeypressBus} from '../keys/keypress-bus.js';

export type ClockOptions = {
	/** How often ages advance, in ms. @default 2000 */
	interval?: number;
	/** Ticks wait while keys arrive this recently, in ms, so moving the cursor only redraws the rows it touches. @default 1500 */
	quietAfterKey?: number;
	now?: () => number;
};

/**
 * The time ages are computed from. It advances on a slow tick, not on every frame: repainting every AGE cell costs
 * a full screen of bytes, which an SSH user feels while scrolling.
 */
export function useClock(bus: KeypressBus, options: ClockOptions = {}): number {
	const {interval = 2000, quietAfterKey = 1500, now = Date.now} = options;
	const [time, setTime] = useState(now);
	useEffect(() => {
		let lastKey = 0;
		const stopObserving = bus.observe(() => {
			lastKey = now();
		});
		const timer = setInterval(() => {
			if (now() - lastKey >= quietAfterKey) setTime(now());
		}, interval);
		timer.unref?.();
		return () => {
			stopObserving();
			clearInterval(timer);
		};
	}, [bus, interval, quietAfterKey, now]);
	return time;
}
