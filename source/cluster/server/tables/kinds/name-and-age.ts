import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';

type Named = {metadata?: {name?: string; creationTimestamp?: string}};

/** Kinds without a printer of their own. */
export const nameAndAge = printer<Named>([nameColumn, ageColumn], (object, now) => [
	object.metadata?.name ?? '',
	ageSince(object.metadata?.creationTimestamp, now),
]);
