/** Semantic style names. Components ask for these; only theme files name colours. */
export const tokenNames = [
	'text', 'text.muted',
	'header.label', 'header.value', 'header.warn', 'header.hint',
	'title', 'title.count', 'title.filter',
	'table.header', 'table.cursor', 'table.empty',
	'row.normal', 'row.running', 'row.pending', 'row.failing', 'row.terminating', 'row.completed', 'row.warning',
	'crumb', 'crumb.active',
	'flash.info', 'flash.warn', 'flash.error',
	'prompt', 'prompt.text', 'prompt.cursor', 'prompt.suggestion',
	'dialog.border', 'dialog.title', 'dialog.text', 'dialog.choice', 'dialog.choice.active',
	'hint.key', 'hint.text',
	'describe.label', 'describe.value',
	'yaml.key', 'yaml.string', 'yaml.number', 'yaml.literal', 'yaml.comment', 'yaml.punctuation',
	'logs.text', 'logs.timestamp', 'logs.notice',
	'help.section', 'help.key', 'help.text', 'help.dangerous',
] as const;

export type TokenName = typeof tokenNames[number];

/**
 * How a token looks. Colours are Ink/chalk colour names ('green', 'blackBright'), '#rrggbb', or 'default' for
 * the terminal's own colour.
 */
export type Style = {
	fg?: string;
	bg?: string;
	bold?: boolean;
	dim?: boolean;
	italic?: boolean;
	underline?: boolean;
	inverse?: boolean;
};

export type Theme = {
	name: string;
	description?: string;
	/**
	 * A character drawn before the selected row, for terminals where styles may not show (TERM=dumb drops even
	 * inverse video). Default: none.
	 */
	cursorMark?: string;
	tokens: Record<TokenName, Style>;
};
