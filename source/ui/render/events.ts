import type {Event} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import {age} from './age.js';
import {makeRow, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer} from './types.js';

/** When the event last happened: lastTimestamp, or eventTime for events.k8s.io-style events, or creation. */
export function eventLastSeen(object: KubeObject): string | undefined {
	const event = object as unknown as Event;
	return (event.lastTimestamp ?? event.eventTime ?? event.series?.lastObservedTime ?? event.firstTimestamp
		?? event.metadata?.creationTimestamp) as string | undefined;
}

const columns: Column[] = [
	{id: 'last-seen', title: 'LAST SEEN', priority: 1, live: {width: 9, value: (object, context) => age(eventLastSeen(object), context.now)},
		sortValue: object => -(Date.parse(eventLastSeen(object) ?? '') || 0)},
	{id: 'type', title: 'TYPE', priority: 1},
	{id: 'reason', title: 'REASON', priority: 1, maxWidth: 24},
	{id: 'object', title: 'OBJECT', priority: 2, maxWidth: 50},
	{id: 'count', title: 'COUNT', priority: 4, align: 'right'},
	{id: 'message', title: 'MESSAGE', priority: 0, flexible: true, maxWidth: 200},
	{id: 'name', title: 'NAME', priority: 9, maxWidth: 60},
];

export const eventsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const event = object as unknown as Event;
		const involved = event.involvedObject;
		const cells = [
			'',
			event.type ?? '',
			event.reason ?? '',
			`${(involved?.kind ?? '').toLowerCase()}/${involved?.name ?? ''}`,
			String(event.count ?? 1),
			(event.message ?? '').replaceAll('\n', ' '),
			event.metadata?.name ?? '',
		];
		return makeRow(object, withNamespace(allNamespaces, event.metadata?.namespace ?? '', cells), event.type === 'Warning' ? 'warning' : 'normal');
	},
	defaultSort: {column: 'last-seen', descending: false},
};
