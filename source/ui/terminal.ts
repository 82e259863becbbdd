/** Escape sequences for taking over the terminal and giving it back. */
export const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l';
export const leaveAlternateScreen = '\u001B[?1049l';
export const showCursor = '\u001B[?25h';

/** Exit codes for the signals that end the dashboard, as shells report them (128 + signal number). */
export const signalExitCodes: Record<string, number> = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143};
