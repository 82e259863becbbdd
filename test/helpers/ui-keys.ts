/** Raw key sequences a terminal sends, for writing to the dashboard's stdin in tests. */
export const UP = '\u001B[A';
export const DOWN = '\u001B[B';
export const RIGHT = '\u001B[C';
export const LEFT = '\u001B[D';
export const ENTER = '\r';
export const ESC = '\u001B';
export const TAB = '\t';
export const BACKSPACE = '\u007F';
export const PAGE_DOWN = '\u001B[6~';
export const PAGE_UP = '\u001B[5~';
export const CTRL_C = '\u0003';
export const CTRL_D = '\u0004';
export const CTRL_F = '\u0006';
export const CTRL_B = '\u0002';
export const CTRL_U = '\u0015';
