import {Box, Text} from 'ink';
import {Component, type ReactNode} from 'react';

type Props = {children: ReactNode; width: number; height: number};
type State = {error?: Error};

/**
 * Keeps one view's failure from taking the dashboard down: the error is shown in place of the view, and esc goes
 * back as usual (the keys are handled above this boundary).
 */
export class ViewBoundary extends Component<Props, State> {
	override state: State = {};

	static getDerivedStateFromError(error: Error): State {
		return {error};
	}

	override render() {
		const {error} = this.state;
		if (!error) return this.props.children;
		return (
			<Box flexDirection="column" width={this.props.width} height={this.props.height}>
				<Text wrap="truncate"> This view failed: {error.message}</Text>
				<Text wrap="truncate"> Press esc to go back, or : for a command.</Text>
			</Box>
		);
	}
}
