import type {Lease} from 'kubernetes-types/coordination/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';

export const leases = printer<Lease>(
	[nameColumn, {name: 'Holder', type: 'string', description: 'holderIdentity contains the identity of the holder of a current lease.'}, ageColumn],
	(lease, now) => [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', ageSince(lease.metadata?.creationTimestamp, now)],
);
