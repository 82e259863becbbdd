import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {columns: number; rows: number};

function read(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/** The terminal's size, updated on resize. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		const update = () => {
			setSize(previous => {
				const next = read(stdout);
				return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
			});
		};

		stdout.on('resize', update);
		update();
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);
	return size;
}
