import {useContext} from 'react';
import {ThemeContext} from './theme-context.js';
import type {Style, Theme, TokenName} from './tokens.js';

/** Ink <Text> props for a style. */
export type TextStyle = {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	italic?: boolean;
	underline?: boolean;
	inverse?: boolean;
};

const cache = new WeakMap<Style, TextStyle>();

export function textStyle(style: Style): TextStyle {
	let props = cache.get(style);
	if (!props) {
		props = {};
		if (style.fg && style.fg !== 'default') props.color = style.fg;
		if (style.bg && style.bg !== 'default') props.backgroundColor = style.bg;
		if (style.bold) props.bold = true;
		if (style.dim) props.dimColor = true;
		if (style.italic) props.italic = true;
		if (style.underline) props.underline = true;
		if (style.inverse) props.inverse = true;
		cache.set(style, props);
	}

	return props;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** Text props for a token of the current theme. */
export function useStyle(token: TokenName): TextStyle {
	return textStyle(useTheme().tokens[token]);
}
