/**
 * Every key the dashboard answers to, as data. The help screen, the hint line, read-only mode and the README key
 * table are all generated from this table, and user settings override keys by binding id.
 */

/**
 * Where a binding applies. A table of some resource is in the panes 'table', its resource ('pods') and, for
 * namespaced resources, 'namespaced'; describe/yaml/help are 'text'; the log view is 'logs'; 'global' is everywhere.
 */
export type Pane =
	| 'global'
	| 'table'
	| 'namespaced'
	| 'text'
	| 'logs'
	| 'pods'
	| 'deployments'
	| 'replicasets'
	| 'statefulsets'
	| 'jobs'
	| 'services'
	| 'nodes'
	| 'namespaces'
	| 'contexts'
	| 'history';

export type Binding = {
	id: string;
	keys: string[];
	description: string;
	panes: Pane[];
	/** Changes the cluster: hidden and refused in read-only mode. */
	dangerous?: boolean;
	/** Shown in the one-line hint bar (the help screen shows everything). */
	hint?: boolean;
	/** Only offered on a kubedeck (embedded) cluster. */
	embeddedOnly?: boolean;
};

const move: Pane[] = ['table', 'text', 'logs'];
const workloads: Pane[] = ['deployments', 'replicasets', 'statefulsets'];

export const bindings: readonly Binding[] = [
	{id: 'app.quit', keys: ['q', 'ctrl-c'], description: 'Quit', panes: ['global']},
	{id: 'app.command', keys: [':'], description: 'Command mode', panes: ['global'], hint: true},
	{id: 'app.help', keys: ['?'], description: 'Help', panes: ['global'], hint: true},
	{id: 'app.back', keys: ['esc'], description: 'Back / clear filter', panes: ['global']},

	{id: 'cursor.down', keys: ['j', 'down'], description: 'Down', panes: move},
	{id: 'cursor.up', keys: ['k', 'up'], description: 'Up', panes: move},
	{id: 'cursor.top', keys: ['g', 'home'], description: 'Top', panes: move},
	{id: 'cursor.bottom', keys: ['G', 'end'], description: 'Bottom', panes: move},
	{id: 'page.down', keys: ['ctrl-f', 'pgdn'], description: 'Page down', panes: move},
	{id: 'page.up', keys: ['ctrl-b', 'pgup'], description: 'Page up', panes: move},

	{id: 'table.filter', keys: ['/'], description: 'Filter: text, !x, -l sel, -f fuzzy', panes: ['table', 'logs'], hint: true},
	{id: 'table.enter', keys: ['enter'], description: 'Open / drill down', panes: ['table']},
	{id: 'sort.name', keys: ['N'], description: 'Sort by name', panes: ['table']},
	{id: 'sort.age', keys: ['A'], description: 'Sort by age', panes: ['table']},
	{id: 'sort.status', keys: ['S'], description: 'Sort by status', panes: ['pods', 'nodes', 'jobs', 'namespaces']},
	{id: 'sort.namespace', keys: ['P'], description: 'Sort by namespace', panes: ['namespaced']},
	{id: 'sort.restarts', keys: ['R'], description: 'Sort by restarts', panes: ['pods']},
	{id: 'namespace.all', keys: ['0'], description: 'All namespaces', panes: ['namespaced']},
	{id: 'namespace.favourite', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], description: 'Favourite namespace', panes: ['namespaced']},

	{id: 'object.describe', keys: ['d'], description: 'Describe', panes: ['table'], hint: true},
	{id: 'object.yaml', keys: ['y'], description: 'YAML', panes: ['table'], hint: true},
	{id: 'object.delete', keys: ['ctrl-d'], description: 'Delete', panes: ['table'], dangerous: true, hint: true},

	{id: 'pod.logs', keys: ['l'], description: 'Logs', panes: ['pods'], hint: true},
	{id: 'pod.previous-logs', keys: ['p'], description: 'Previous logs', panes: ['pods']},

	{id: 'workload.scale', keys: ['s'], description: 'Scale', panes: workloads, dangerous: true, hint: true},
	{id: 'workload.set-image', keys: ['i'], description: 'Set image', panes: ['deployments', 'statefulsets'], dangerous: true},
	{id: 'workload.restart', keys: ['r'], description: 'Rollout restart', panes: ['deployments', 'statefulsets'], dangerous: true, hint: true},
	{id: 'deployment.undo', keys: ['u'], description: 'Rollout undo', panes: ['deployments'], dangerous: true},
	{id: 'deployment.history', keys: ['h'], description: 'Rollout history', panes: ['deployments']},
	{id: 'deployment.replicasets', keys: ['z'], description: 'ReplicaSets', panes: ['deployments']},

	{id: 'revision.rollback', keys: ['ctrl-l'], description: 'Roll back to this revision', panes: ['history'], dangerous: true, hint: true},

	{id: 'node.cordon', keys: ['c'], description: 'Cordon', panes: ['nodes'], dangerous: true, hint: true},
	{id: 'node.uncordon', keys: ['u'], description: 'Uncordon', panes: ['nodes'], dangerous: true, hint: true},
	{id: 'node.drain', keys: ['r'], description: 'Drain', panes: ['nodes'], dangerous: true, hint: true},
	{id: 'node.power', keys: ['o'], description: 'Power off / on', panes: ['nodes'], dangerous: true, hint: true, embeddedOnly: true},

	{id: 'logs.autoscroll', keys: ['s'], description: 'Autoscroll', panes: ['logs'], hint: true},
	{id: 'logs.wrap', keys: ['w'], description: 'Wrap', panes: ['logs'], hint: true},
	{id: 'logs.timestamps', keys: ['t'], description: 'Timestamps', panes: ['logs'], hint: true},
	{id: 'logs.previous', keys: ['p'], description: 'Previous container', panes: ['logs']},
	{id: 'logs.container', keys: ['c'], description: 'Container', panes: ['logs'], hint: true},
	{id: 'logs.tail', keys: ['0'], description: 'Tail (follow)', panes: ['logs']},
	{id: 'logs.head', keys: ['1'], description: 'Whole log', panes: ['logs']},
	{id: 'logs.since-1m', keys: ['2'], description: 'Since 1m', panes: ['logs']},
	{id: 'logs.since-5m', keys: ['3'], description: 'Since 5m', panes: ['logs']},
	{id: 'logs.since-15m', keys: ['4'], description: 'Since 15m', panes: ['logs']},
	{id: 'logs.since-30m', keys: ['5'], description: 'Since 30m', panes: ['logs']},
	{id: 'logs.since-1h', keys: ['6'], description: 'Since 1h', panes: ['logs']},
];

/** Section titles of the help screen, by the first pane a binding names. */
export const paneTitles: Record<Pane, string> = {
	global: 'General',
	table: 'Tables',
	namespaced: 'Namespaces',
	text: 'Describe / YAML',
	logs: 'Logs',
	pods: 'Pods',
	deployments: 'Deployments',
	replicasets: 'ReplicaSets',
	statefulsets: 'StatefulSets',
	jobs: 'Jobs',
	services: 'Services',
	nodes: 'Nodes',
	namespaces: 'Namespaces',
	contexts: 'Contexts',
	history: 'Rollout history',
};
