import type {StoreEvent} from '../../store/backend.js';
import type {KubeObject} from '../object.js';
import type {WatchEvent} from '../object-api.js';
import type {ObjectFilter} from './filters.js';

/** Store events as API watch events; with selectors, objects moving in or out of the selection are ADDED or DELETED. */
export function translate(events: StoreEvent[], filter: ObjectFilter | undefined): WatchEvent[] {
	const out: WatchEvent[] = [];
	for (const event of events) {
		if (event.type === 'delete') {
			if (filter && !filter(event.value)) continue;
			out.push({type: 'DELETED', object: withRevision(event.value, event.revision)});
			continue;
		}
		if (!filter) {
			out.push({type: event.created ? 'ADDED' : 'MODIFIED', object: event.value});
			continue;
		}
		const now = filter(event.value);
		const before = !event.created && event.prevValue !== undefined && filter(event.prevValue);
		if (now) out.push({type: before ? 'MODIFIED' : 'ADDED', object: event.value});
		else if (before) out.push({type: 'DELETED', object: event.value});
	}
	return out;
}

function withRevision(object: KubeObject, revision: number): KubeObject {
	return {...object, metadata: {...object.metadata, resourceVersion: String(revision)}};
}
