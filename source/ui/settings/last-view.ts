import type {Settings} from './settings.js';

export type LastView = {namespace?: string; pane?: string};

/** Where the dashboard was on a cluster, remembered per context as k9s does ('' namespace: all namespaces). */
export function rememberView(settings: Settings, context: string, patch: LastView): void {
	const views = settings.get('views') ?? {};
	settings.set('views', {...views, [context]: {...views[context], ...patch}});
}

export function rememberedView(settings: Settings, context: string): LastView {
	return settings.get('views')?.[context] ?? {};
}
