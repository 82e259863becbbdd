import type {Requirement} from './label-selector.js';
import type {Sort} from './sort.js';
import type {TableState} from './table.js';

/** Narrows a table to the objects behind another one (a deployment's pods, a node's pods). */
export type Scope = {
	/** Shown in the title and breadcrumbs: 'deployment/web'. */
	title: string;
	requirements?: Requirement[];
	nodeName?: string;
	/** ReplicaSets owned by this uid (a deployment's revisions). */
	ownerUid?: string;
	/** The deployment whose revisions these are, for rolling back to one. */
	owner?: {resource: string; name: string; namespace?: string};
};

export type TableView = {
	type: 'table';
	id: number;
	/** Plural resource name, or 'contexts'. */
	resource: string;
	/** undefined means all namespaces; ignored for cluster-scoped resources. */
	namespace: string | undefined;
	scope?: Scope;
	/** Renders rows another way than the resource's own renderer ('revisions' for rollout history). */
	renderAs?: string;
	filter: string;
	sort?: Sort;
	table: TableState;
};

export type TextView = {
	type: 'describe' | 'yaml';
	id: number;
	resource: string;
	namespace: string | undefined;
	name: string;
	top: number;
};

export type HelpView = {type: 'help'; id: number; top: number};

export type LogsView = {
	type: 'logs';
	id: number;
	namespace: string;
	pod: string;
	container?: string;
	previous: boolean;
	/** undefined: from the start of what the server keeps (head); otherwise the last lines when tailing. */
	tailLines?: number;
	sinceSeconds?: number;
	autoscroll: boolean;
	wrap: boolean;
	timestamps: boolean;
	filter: string;
	/** Lines scrolled up from the bottom when not autoscrolling. */
	offset: number;
	/** Bumped to open the stream again (after it ended). */
	generation: number;
};

export type View = TableView | TextView | HelpView | LogsView;

/** Bumped on each new view so components re-key and start fresh. */
let nextId = 1;
export function viewId(): number {
	return nextId++;
}
