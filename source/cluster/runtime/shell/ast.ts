/** The shell's syntax tree: the POSIX shell grammar, less what small container scripts never use. */

export type ParameterOperator =
	| ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?'
	| 'length' | '#' | '##' | '%' | '%%';

export type WordPart =
	| {type: 'text'; value: string; quoted: boolean}
	/** `~` at the start of a word. */
	| {type: 'tilde'}
	| {type: 'parameter'; name: string; quoted: boolean; operator?: ParameterOperator; argument?: Word}
	| {type: 'command'; body: List; quoted: boolean}
	/** `$((...))`: the expression, itself expanded before it is evaluated. */
	| {type: 'arithmetic'; expression: Word; quoted: boolean};

export type Word = WordPart[];

export type Redirect = {
	fd: number;
	operator: '>' | '>>' | '<' | '>&' | '<&' | '<<';
	target: Word;
};

export type SimpleCommand = {
	type: 'simple';
	assignments: Array<{name: string; value: Word}>;
	words: Word[];
	redirects: Redirect[];
	line: number;
};

export type CompoundCommand = (
	| {type: 'if'; clauses: Array<{condition: List; body: List}>; otherwise?: List}
	| {type: 'loop'; until: boolean; condition: List; body: List}
	| {type: 'for'; name: string; words?: Word[]; body: List}
	| {type: 'case'; word: Word; items: Array<{patterns: Word[]; body: List}>}
	| {type: 'group'; body: List}
	| {type: 'subshell'; body: List}
	| {type: 'function'; name: string; body: Command}
) & {redirects: Redirect[]; line: number};

export type Command = SimpleCommand | CompoundCommand;

export type Pipeline = {negated: boolean; commands: Command[]};

export type AndOr = {first: Pipeline; rest: Array<{operator: '&&' | '||'; pipeline: Pipeline}>};

export type List = Array<{command: AndOr; background: boolean}>;
