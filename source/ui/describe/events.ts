import type {Event} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import {age} from '../render/age.js';
import {eventLastSeen} from '../render/events.js';
import {tabwrite} from './tabwriter.js';

/** The events about an object, oldest first, as kubectl describe sorts them. */
export function eventsFor(object: KubeObject, events: readonly KubeObject[]): Event[] {
	const uid = object.metadata.uid;
	const name = object.metadata.name;
	return (events as unknown as Event[])
		.filter(event => {
			const involved = event.involvedObject;
			if (uid && involved?.uid) return involved.uid === uid;
			return involved?.name === name && (involved?.kind ?? '') === (object.kind ?? involved?.kind ?? '');
		})
		.sort((left, right) => (Date.parse(eventLastSeen(left as unknown as KubeObject) ?? '') || 0) - (Date.parse(eventLastSeen(right as unknown as KubeObject) ?? '') || 0));
}

/** The Events: section: a table of Type, Reason, Age, From, Message, or '<none>'. */
export function eventLines(events: readonly Event[], now: number): string[] {
	if (events.length === 0) return ['Events:  <none>'];
	const rows: string[][] = [['  Type', 'Reason', 'Age', 'From', 'Message'], ['  ----', '------', '----', '----', '-------']];
	for (const event of events) {
		const first = (event.firstTimestamp ?? event.eventTime) as string | undefined;
		const last = eventLastSeen(event as unknown as KubeObject);
		const count = event.count ?? event.series?.count ?? 1;
		const when = count > 1 && first ? `${age(last, now)} (x${count} over ${age(first, now)})` : age(last, now);
		const from = event.source?.component ?? event.reportingComponent ?? '';
		rows.push([`  ${event.type ?? ''}`, event.reason ?? '', when, from, (event.message ?? '').trim()]);
	}

	return ['Events:', ...tabwrite(rows, 2)];
}
