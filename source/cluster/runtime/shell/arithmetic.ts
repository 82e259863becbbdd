/** Shell arithmetic, `$((...))`: integers, C operators, variables by name (unset counts as 0). */

export class ArithmeticError extends Error {}

export type ArithmeticScope = {
	get(name: string): string | undefined;
	set(name: string, value: string): void;
};

type Operand = {value: number; name?: string};

const tokenPattern = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=?|>>=?|\+\+|--|[<>=!]=|&&|\|\||[-+*/%&|^]=|[-+*/%<>=!~&|^?:(),])/y;

export function evaluateArithmetic(expression: string, scope: ArithmeticScope): number {
	const tokens: string[] = [];
	tokenPattern.lastIndex = 0;
	let end = 0;
	for (let match = tokenPattern.exec(expression); match; match = tokenPattern.exec(expression)) {
		tokens.push(match[1]);
		end = tokenPattern.lastIndex;
	}
	if (expression.slice(end).trim()) throw new ArithmeticError(`arithmetic syntax error`);
	if (tokens.length === 0) return 0;
	const evaluator = new Evaluator(tokens, scope);
	const result = evaluator.comma();
	if (evaluator.position < tokens.length) throw new ArithmeticError('arithmetic syntax error');
	return result.value;
}

class Evaluator {
	position = 0;

	constructor(
		private readonly tokens: string[],
		private readonly scope: ArithmeticScope,
	) {}

	comma(): Operand {
		let result = this.assignment();
		while (this.accept(',')) result = this.assignment();
		return result;
	}

	private assignment(): Operand {
		const start = this.position;
		const target = this.tokens[this.position];
		const operator = this.tokens[this.position + 1];
		if (target && /^[A-Za-z_]/.test(target) && operator && /^(?:[-+*/%&|^]|\*\*|<<|>>)?=$/.test(operator) && operator !== '==') {
			this.position += 2;
			const right = this.assignment().value;
			const current = this.variable(target);
			const value = operator === '=' ? right : binary(operator.slice(0, -1), current, right);
			this.scope.set(target, String(value));
			return {value};
		}
		this.position = start;
		return this.conditional();
	}

	private conditional(): Operand {
		const condition = this.binaryLevel(0);
		if (!this.accept('?')) return condition;
		const whenTrue = this.assignment();
		this.expect(':');
		const whenFalse = this.assignment();
		return condition.value ? whenTrue : whenFalse;
	}

	private static readonly levels: string[][] = [
		['||'],
		['&&'],
		['|'],
		['^'],
		['&'],
		['==', '!='],
		['<', '<=', '>', '>='],
		['<<', '>>'],
		['+', '-'],
		['*', '/', '%'],
	];

	private binaryLevel(level: number): Operand {
		if (level >= Evaluator.levels.length) return this.power();
		let left = this.binaryLevel(level + 1);
		for (;;) {
			const operator = this.tokens[this.position];
			if (!operator || !Evaluator.levels[level].includes(operator)) return left;
			this.position++;
			const right = this.binaryLevel(level + 1);
			left = {value: binary(operator, left.value, right.value)};
		}
	}

	private power(): Operand {
		const base = this.unary();
		if (!this.accept('**')) return base;
		const exponent = this.power();
		return {value: binary('**', base.value, exponent.value)};
	}

	private unary(): Operand {
		const token = this.tokens[this.position];
		if (token === '-' || token === '+' || token === '!' || token === '~') {
			this.position++;
			const operand = this.unary().value;
			return {value: token === '-' ? -operand : token === '+' ? operand : token === '!' ? Number(!operand) : ~operand};
		}
		if (token === '++' || token === '--') {
			this.position++;
			const name = this.tokens[this.position++];
			if (!name || !/^[A-Za-z_]/.test(name)) throw new ArithmeticError('arithmetic syntax error');
			const value = this.variable(name) + (token === '++' ? 1 : -1);
			this.scope.set(name, String(value));
			return {value};
		}
		return this.postfix();
	}

	private postfix(): Operand {
		const operand = this.primary();
		const token = this.tokens[this.position];
		if ((token === '++' || token === '--') && operand.name) {
			this.position++;
			this.scope.set(operand.name, String(operand.value + (token === '++' ? 1 : -1)));
		}
		return operand;
	}

	private primary(): Operand {
		const token = this.tokens[this.position++];
		if (token === undefined) throw new ArithmeticError('arithmetic syntax error');
		if (token === '(') {
			const inner = this.comma();
			this.expect(')');
			return {value: inner.value};
		}
		if (/^\d/.test(token)) return {value: parseNumber(token)};
		if (/^[A-Za-z_]/.test(token)) return {value: this.variable(token), name: token};
		throw new ArithmeticError('arithmetic syntax error');
	}

	private variable(name: string): number {
		const text = this.scope.get(name)?.trim();
		if (!text) return 0;
		if (/^-?\d+$|^0[xX][0-9a-fA-F]+$/.test(text)) return parseNumber(text);
		if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return this.variable(text);
		throw new ArithmeticError('arithmetic syntax error');
	}

	private accept(token: string): boolean {
		if (this.tokens[this.position] !== token) return false;
		this.position++;
		return true;
	}

	private expect(token: string): void {
		if (!this.accept(token)) throw new ArithmeticError('arithmetic syntax error');
	}
}

function parseNumber(text: string): number {
	if (/^-?0[xX]/.test(text)) return Number.parseInt(text, 16);
	if (/^0\d+$/.test(text)) return Number.parseInt(text, 8);
	return Number.parseInt(text, 10);
}

function binary(operator: string, left: number, right: number): number {
	switch (operator) {
		case '+':
			return left + right;
		case '-':
			return left - right;
		case '*':
			return left * right;
		case '/':
		case '%':
			if (right === 0) throw new ArithmeticError('divide by zero');
			return operator === '/' ? Math.trunc(left / right) : left % right;
		case '**':
			return left ** right;
		case '<<':
			return left << right;
		case '>>':
			return left >> right;
		case '<':
			return Number(left < right);
		case '<=':
			return Number(left <= right);
		case '>':
			return Number(left > right);
		case '>=':
			return Number(left >= right);
		case '==':
			return Number(left === right);
		case '!=':
			return Number(left !== right);
		case '&':
			return left & right;
		case '|':
			return left | right;
		case '^':
			return left ^ right;
		case '&&':
			return Number(Boolean(left) && Boolean(right));
		case '||':
			return Number(Boolean(left) || Boolean(right));
		default:
			throw new ArithmeticError('arithmetic syntax error');
	}
}
