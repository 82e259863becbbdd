import {createContext} from 'react';
import {loadTheme} from './load.js';
import type {Theme} from './tokens.js';

export const ThemeContext = createContext<Theme>(loadTheme('dark'));
