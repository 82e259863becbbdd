import type {Key} from './key.js';

/** Returns true when it consumed the key; lower layers never see it then. */
export type KeyHandler = (key: Key) => boolean;

/** Layers, highest first: a dialog takes keys before a prompt, a prompt before the view, the view before globals. */
export const priority = {dialog: 300, prompt: 200, view: 100, global: 0} as const;

/**
 * One keypress bus for the whole dashboard. Each layer registers a handler at a priority; a key goes to the
 * layers from the highest priority down until one consumes it. Handlers read the current state when called,
 * so several keys arriving in one chunk (':deploy' sent at once) are each routed by the state the previous left.
 */
export class KeypressBus {
	private layers: Array<{priority: number; order: number; handler: KeyHandler}> = [];
	private counter = 0;
	private listeners = new Set<(key: Key) => void>();

	register(layerPriority: number, handler: KeyHandler): () => void {
		const layer = {priority: layerPriority, order: this.counter++, handler};
		this.layers.push(layer);
		// Later registrations at the same priority go first: the view mounted last is the one on top.
		this.layers.sort((left, right) => right.priority - left.priority || right.order - left.order);
		return () => {
			this.layers = this.layers.filter(candidate => candidate !== layer);
		};
	}

	/** Observers see every key before routing (the clock uses this to hold ticks while the user types). */
	observe(listener: (key: Key) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	emit(key: Key): boolean {
		for (const listener of this.listeners) listener(key);
		for (const layer of [...this.layers]) {
			if (layer.handler(key)) return true;
		}

		return false;
	}
}
