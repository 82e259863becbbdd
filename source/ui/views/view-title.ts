import type {View} from '../state/views.js';

/** Short name of a view for breadcrumbs and titles: 'pods', 'deployment/web', 'logs web-1'. */
export function crumbOf(view: View): string {
	switch (view.type) {
		case 'table': {
			const base = view.renderAs === 'revisions' ? 'history' : view.resource;
			return view.scope ? `${base}(${view.scope.title})` : base;
		}

		case 'describe': {
			return `describe ${view.name}`;
		}

		case 'yaml': {
			return `yaml ${view.name}`;
		}

		case 'logs': {
			return `logs ${view.pod}${view.container ? `:${view.container}` : ''}`;
		}

		case 'help': {
			return 'help';
		}
	}
}
