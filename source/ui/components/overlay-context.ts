import {createContext, useContext, useLayoutEffect, useRef} from 'react';
import type {LineOverlay} from '../screen/line-overlay.js';
import type {ColorLevel} from '../theme/sgr.js';

/** Where big blocks of lines (table rows, logs, describe) may be drawn outside Ink, and whether they may now. */
export type OverlaySettings = {overlay: LineOverlay; colorLevel: ColorLevel; enabled: boolean};

export const OverlayContext = createContext<OverlaySettings | undefined>(undefined);

/**
 * Puts already-styled lines on the overlay from screen row `screenTop` while this component is mounted and the
 * overlay is enabled; returns whether it did (the caller then leaves blank space in Ink's layout instead of text).
 * The lines are set while rendering, so the frame Ink writes for this render finds them.
 */
export function useOverlayLines(screenTop: number | undefined, lines: () => string[]): boolean {
	const settings = useContext(OverlayContext);
	const owner = useRef({});
	const drawn = Boolean(settings?.enabled) && screenTop !== undefined;
	if (settings) {
		if (drawn) settings.overlay.set(owner.current, screenTop!, lines());
		else settings.overlay.clear(owner.current);
	}

	const overlay = settings?.overlay;
	useLayoutEffect(() => {
		if (!overlay) return;
		const region = owner.current;
		return () => overlay.clear(region);
	}, [overlay]);
	return drawn;
}

export function useColorLevel(): ColorLevel {
	return useContext(OverlayContext)?.colorLevel ?? 0;
}
