/** A minimal external store: the reducer runs synchronously, so a handler sees the state the previous key left. */
export type Store<State, Action> = {
	getState(): State;
	dispatch(action: Action): void;
	subscribe(listener: () => void): () => void;
};

export function createStore<State, Action>(reducer: (state: State, action: Action) => State, initial: State): Store<State, Action> {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		dispatch(action) {
			const next = reducer(state, action);
			if (next === state) return;
			state = next;
			for (const listener of [...listeners]) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
