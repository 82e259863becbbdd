import {useSyncExternalStore} from 'react';
import {useServices} from '../app-context.js';
import type {AppState} from '../state/app-state.js';

/** A slice of the app state; the component re-renders only when the slice changes (by reference). */
export function useAppState<T>(select: (state: AppState) => T): T {
	const {store} = useServices();
	return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
