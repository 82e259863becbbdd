import type {Event} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {nameColumn, printer} from '../printer.js';

export const events = printer<Event>(
	[
		{name: 'Last Seen', type: 'string', description: 'The time at which the most recent occurrence of this event was recorded.'},
		{name: 'Type', type: 'string', description: 'Type of this event (Normal, Warning), new types could be added in the future'},
		{name: 'Reason', type: 'string', description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."},
		{name: 'Object', type: 'string', description: 'The object that this event is about.'},
		{name: 'Subobject', type: 'string', priority: 1, description: 'If referring to a piece of an object instead of an entire object, the field path.'},
		{name: 'Source', type: 'string', priority: 1, description: 'The component reporting this event.'},
		{name: 'Message', type: 'string', description: 'A human-readable description of the status of this operation.'},
		{name: 'First Seen', type: 'string', priority: 1, description: 'The time at which the event was first recorded.'},
		{name: 'Count', type: 'string', priority: 1, description: 'The number of times this event has occurred.'},
		{...nameColumn, priority: 1},
	],
	(event, now) => {
		const firstSeen = event.firstTimestamp ? ageSince(event.firstTimestamp, now) : ageSince(event.eventTime, now);
		let lastSeen = event.lastTimestamp ? ageSince(event.lastTimestamp, now) : firstSeen;
		let count = event.count ?? 0;
		if (event.series) {
			lastSeen = ageSince(event.series.lastObservedTime, now);
			count = event.series.count ?? 0;
		} else if (count === 0) {
			// Singleton events of the newer API carry no count.
			count = 1;
		}
		const kind = (event.involvedObject?.kind ?? '').toLowerCase();
		const target = event.involvedObject?.name ? `${kind}/${event.involvedObject.name}` : kind;
		return [
			lastSeen,
			event.type ?? '',
			event.reason ?? '',
			target,
			event.involvedObject?.fieldPath ?? '',
			eventSource(event),
			(event.message ?? '').trim(),
			firstSeen,
			count,
			event.metadata?.name ?? '',
		];
	},
);

/** 'component, host', falling back to the reporting controller and instance of the newer API. */
function eventSource(event: Event): string {
	const component = event.source?.component || event.reportingComponent || '';
	const instance = event.source?.host || event.reportingInstance || '';
	return instance ? `${component}, ${instance}` : component;
}
