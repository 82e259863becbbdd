import {printerFor} from './printers.js';
import type {ColumnType, RowCondition} from './printer.js';

export type TableColumnDefinition = {name: string; type: ColumnType; format: string; description: string; priority: number};

export type TableRow = {cells: unknown[]; conditions?: RowCondition[]; object?: Record<string, unknown>};

/** A meta.k8s.io/v1 Table, what `kubectl get` asks for. */
export type Table = {
	kind: 'Table';
	apiVersion: 'meta.k8s.io/v1';
	metadata: {resourceVersion?: string; continue?: string; remainingItemCount?: number};
	columnDefinitions: TableColumnDefinition[];
	rows: TableRow[];
};

export type TableOptions = {
	/** What each row carries in `object` (the `includeObject` query parameter); default 'Metadata'. */
	includeObject?: 'None' | 'Metadata' | 'Object';
	/** The time ages are measured to, in ms. */
	now: number;
	resourceVersion?: string;
	continue?: string;
	remainingItemCount?: number;
	/** Leave out columnDefinitions, as in watch events after the first. */
	noHeaders?: boolean;
};

type Metadata = {metadata?: unknown; kind?: unknown; apiVersion?: unknown};

/**
 * The server-side Table of `resource` (a plural, 'pods') for these objects: the columns kubectl prints for a real
 * cluster, all of them (kubectl hides priority-1 columns unless `-o wide`), cells preformatted as the real server
 * formats them. Pure: the objects are not changed.
 */
export function tableFor(resource: string, objects: readonly object[], options: TableOptions): Table {
	const printer = printerFor(resource);
	const metadata: Table['metadata'] = {};
	if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
	if (options.continue) metadata.continue = options.continue;
	if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
	return {
		kind: 'Table',
		apiVersion: 'meta.k8s.io/v1',
		metadata,
		columnDefinitions: options.noHeaders
			? []
			: printer.columns.map(column => ({
					name: column.name,
					type: column.type,
					format: column.format ?? '',
					description: column.description,
					priority: column.priority ?? 0,
				})),
		rows: objects.map(object => {
			const row: TableRow = {cells: printer.cells(object as never, options.now)};
			const conditions = printer.conditions?.(object as never);
			if (conditions) row.conditions = conditions;
			const rowObject = objectFor(object as Metadata, options.includeObject ?? 'Metadata');
			if (rowObject) row.object = rowObject;
			return row;
		}),
	};
}

/** The row's object: its metadata as a PartialObjectMetadata, the whole object, or nothing. */
function objectFor(object: Metadata, include: 'None' | 'Metadata' | 'Object'): Record<string, unknown> | undefined {
	if (include === 'None') return undefined;
	if (include === 'Object') return object as Record<string, unknown>;
	return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata ?? {}};
}
