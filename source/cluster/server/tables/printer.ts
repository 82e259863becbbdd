/** What one kind's table is made of: its columns and how an object becomes a row. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export type Column = {
	name: string;
	type: ColumnType;
	/** 'name' marks the column kubectl uses as the object's name. */
	format?: string;
	description: string;
	/** 1: shown only with `-o wide`. */
	priority?: number;
};

export type RowCondition = {type: 'Completed'; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string};

export type Printer = {
	columns: readonly Column[];
	/** One cell per column, preformatted as the Kubernetes API server does. `now` is in ms. */
	cells(object: never, now: number): unknown[];
	/** Row conditions (pods mark finished ones Completed). */
	conditions?(object: never): RowCondition[] | undefined;
};

/** Lets a kind's printer take its own object type while the table sees them all alike. */
export function printer<T>(columns: readonly Column[], cells: (object: T, now: number) => unknown[], conditions?: (object: T) => RowCondition[] | undefined): Printer {
	return {columns, cells: cells as Printer['cells'], conditions: conditions as Printer['conditions']};
}

export const nameColumn: Column = {
	name: 'Name',
	type: 'string',
	format: 'name',
	description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
};

export const ageColumn: Column = {
	name: 'Age',
	type: 'string',
	description: 'CreationTimestamp is a timestamp representing the server time when this object was created, in RFC3339 form and in UTC.',
};

export const containersColumn: Column = {name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.'};
export const imagesColumn: Column = {name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.'};
