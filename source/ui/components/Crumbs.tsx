import {Text} from 'ink';
import {memo} from 'react';
import type {View} from '../state/views.js';
import {useStyle} from '../theme/use-style.js';
import {crumbOf} from '../views/view-title.js';

/** The navigation stack as breadcrumbs: <pods> <deployment/web> <logs web-1>. */
export const Crumbs = memo(function Crumbs({stack}: {stack: readonly View[]}) {
	const crumb = useStyle('crumb');
	const active = useStyle('crumb.active');
	return (
		<Text wrap="truncate">
			{stack.map((view, index) => (
				<Text key={view.id}>
					{index > 0 ? ' ' : ''}
					<Text {...(index === stack.length - 1 ? active : crumb)}>{` <${crumbOf(view)}> `}</Text>
				</Text>
			))}
		</Text>
	);
});
