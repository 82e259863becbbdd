import type {KubeObject} from '../../cluster/api/object.js';
import type {PodMetrics} from '../../client/types.js';

/** The state a row is coloured by; themes map each to a `row.<state>` token. */
export type RowState = 'normal' | 'running' | 'pending' | 'failing' | 'terminating' | 'completed' | 'warning';

/** What cells computed at display time may read: the clock and metrics change without the object changing. */
export type LiveContext = {
	/** Milliseconds since the epoch, advanced by the dashboard's clock tick (not on every frame). */
	now: number;
	podMetrics?: ReadonlyMap<string, PodMetrics>;
	nodeMetrics?: ReadonlyMap<string, {cpuMilli: number; memoryBytes: number}>;
	/** Pods per node name, for the nodes table. */
	podCounts?: ReadonlyMap<string, number>;
};

export type Column = {
	/** Stable id used by sort keys and tests: 'name', 'age', 'status'. */
	id: string;
	title: string;
	/** Lower shows longer: when the terminal is narrow, the column with the highest number goes first. */
	priority: number;
	align?: 'left' | 'right';
	/** Cells computed for visible rows only, from the object and the live context; they get a fixed width. */
	live?: {width: number; value: (object: KubeObject, context: LiveContext) => string};
	/** The column that shrinks (with an ellipsis) when even the most important columns do not fit. */
	flexible?: boolean;
	/** Widest a column grows before its cells are cut. */
	maxWidth?: number;
	/** What sorting by this column compares, when the cell text would sort wrongly (ages, timestamps). */
	sortValue?: (object: KubeObject) => number | string;
};

export type Row = {
	/** namespace/name: stable across updates so the selection follows the object. */
	key: string;
	object: KubeObject;
	/** One string per column; '' for live columns (filled at display time). */
	cells: string[];
	state: RowState;
	/** Lower-cased text the plain filter searches. */
	search: string;
};

export type RenderOptions = {
	/** True when the table shows every namespace: the NAMESPACE column appears. */
	allNamespaces: boolean;
};

/** One kind's view of its objects: columns declared as data, rows computed purely from an object. */
export type Renderer = {
	columns(options: RenderOptions): Column[];
	row(object: KubeObject, options: RenderOptions): Row;
	/** The order before the user picks one; by name when absent. */
	defaultSort?: {column: string; descending: boolean};
};
