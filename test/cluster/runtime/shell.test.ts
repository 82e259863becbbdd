import {describe, expect, it} from 'vitest';
import {exec, sh, startPod} from './helpers/pods.js';

/** Scripts as `sh -c` runs them in busybox: what they print and how they exit. */
const scripts: Array<[script: string, stdout: string, code: number]> = [
	['echo hello', 'hello\n', 0],
	['echo -n no newline', 'no newline', 0],
	['echo -e "a\\tb\\nc"', 'a\tb\nc\n', 0],
	[`echo 'single $HOME' "double $HOME" \\$HOME`, 'single $HOME double /root $HOME\n', 0],
	['echo "a  b"   c    d', 'a  b c d\n', 0],
	[`echo "it's" 'say "hi"' \\"x\\"`, `it's say "hi" "x"\n`, 0],
	['x=1; y=two; echo "$x-${y}-${z:-default}-${#y}"', '1-two-default-3\n', 0],
	['f=archive.tar.gz; echo ${f%.gz} ${f%%.*} ${f#*.} ${f##*.}', 'archive.tar archive tar.gz gz\n', 0],
	['echo "${HOSTNAME%%-*}" "${HOSTNAME#"web-"}"', 'web 7d9f8b6c5d-x2x4q\n', 0],
	['echo ${unset:+set} ${HOME:+home} ${v:=assigned} $v', 'home assigned assigned\n', 0],
	['true; echo $?; false; echo $?', '0\n1\n', 0],
	['true && echo yes || echo no; false && echo yes || echo no', 'yes\nno\n', 0],
	['echo one; exit 3; echo never', 'one\n', 3],
	['exit 300', '', 44],
	['false', '', 1],
	['for i in 1 2 3; do echo "n=$i"; done', 'n=1\nn=2\nn=3\n', 0],
	['i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done', '1\n2\n3\n', 0],
	['i=0; until test $i -ge 2; do i=$((i + 1)); done; echo $i', '2\n', 0],
	['while true; do echo once; break; done', 'once\n', 0],
	['for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done', '1\n3\n', 0],
	['if [ -f /etc/hostname ]; then echo file; else echo none; fi', 'file\n', 0],
	['if false; then echo a; elif true; then echo b; else echo c; fi', 'b\n', 0],
	['case hello.txt in *.md) echo md;; *.txt|*.text) echo text;; *) echo other;; esac', 'text\n', 0],
	['greet() { echo "hi $1 ($#)"; return 4; }; greet you there; echo $?', 'hi you (2)\n4\n', 0],
	['echo $((2 + 3 * 4)) $((10 / 3)) $((10 % 3)) $((2 ** 8)) $((1 < 2))', '14 3 1 256 1\n', 0],
	['echo "today is $(echo Thursday)" `echo backticks`', 'today is Thursday backticks\n', 0],
	['echo $(echo a; echo b)', 'a b\n', 0],
	['printf "%s=%d\\n" a 1 b 2', 'a=1\nb=2\n', 0],
	['printf "%5s|%-5s|%05.1f|%x\\n" ab cd 3.14159 255', '   ab|cd   |003.1|ff\n', 0],
	['echo hello | tr a-z A-Z', 'HELLO\n', 0],
	['printf "b\\na\\nc\\n" | sort | head -n 2', 'a\nb\n', 0],
	['echo "one two three" | wc -w', '3\n', 0],
	['env | grep -c ^HOSTNAME=', '1\n', 0],
	['echo hello > /tmp/f; echo world >> /tmp/f; cat /tmp/f; wc -l < /tmp/f', 'hello\nworld\n2\n', 0],
	['cat /nonexistent 2>/dev/null; echo $?', '1\n', 0],
	['echo err >&2; echo out', 'out\n', 0],
	['{ echo a; echo b; } > /tmp/g; cat /tmp/g', 'a\nb\n', 0],
	['(cd /tmp; pwd); pwd', '/tmp\n/\n', 0],
	['cd /etc && pwd && cd - >/dev/null && pwd', '/etc\n/\n', 0],
	['cat <<EOF\nname: $HOSTNAME\nEOF', 'name: web-7d9f8b6c5d-x2x4q\n', 0],
	["cat <<'EOF'\nliteral $HOME\nEOF", 'literal $HOME\n', 0],
	['mkdir -p /tmp/d && touch /tmp/d/b.txt /tmp/d/a.txt /tmp/d/c.log && echo /tmp/d/*.txt', '/tmp/d/a.txt /tmp/d/b.txt\n', 0],
	['set -- x y z; echo $# $2; for a in "$@"; do echo "[$a]"; done', '3 y\n[x]\n[y]\n[z]\n', 0],
	['set -e; echo before; false; echo after', 'before\n', 1],
	['read -r first rest <<EOF\nalpha beta gamma\nEOF\necho "$first|$rest"', 'alpha|beta gamma\n', 0],
	['export GREETING=hi; sh -c \'echo $GREETING from child\'', 'hi from child\n', 0],
	['A=1 env | grep ^A=', 'A=1\n', 0],
	['test 3 -gt 2 && [ abc != abd ] && [ -z "" ] && [ ! -d /etc/hostname ] && echo all', 'all\n', 0],
	['hostname; cat /etc/hostname', 'web-7d9f8b6c5d-x2x4q\nweb-7d9f8b6c5d-x2x4q\n', 0],
	['date +%Y-%m-%d', '2026-11-26\n', 0],
	['seq 3 | while read n; do echo "line $n"; done', 'line 1\nline 2\nline 3\n', 0],
	['echo "a,b,c" | cut -d, -f2', 'b\n', 0],
	['wget -qO- http://web/path', 'hello from web /path\n', 0],
	['wget -qO- down; echo "exit $?"', 'exit 1\n', 0],
	['echo start; nosuchcommand; echo "status $?"', 'start\nstatus 127\n', 0],
	['echo $0', 'sh\n', 0],
	['trap "echo bye" EXIT; echo hi', 'hi\nbye\n', 0],
	['sleep 1 && echo slept', 'slept\n', 0],
	['ls /etc | grep -c hostname', '1\n', 0],
	['[ 1 -eq 1 ]; echo $?; [ 1 -eq 2 ]; echo $?', '0\n1\n', 0],
	['# a comment\necho visible # trailing comment', 'visible\n', 0],
	['echo "multi\nline"', 'multi\nline\n', 0],
	["echo 'unterminated", '', 2],
	['if true; then echo missing fi', '', 2],
];

describe('sh -c in busybox', () => {
	it.each(scripts)('%s', async (script, stdout, code) => {
		const result = await sh(script);
		expect(result.stdout).toBe(stdout);
		expect(result.code).toBe(code);
	});

	it('says which command was not found, with 127', async () => {
		expect(await sh('nosuchcommand')).toEqual({stdout: '', stderr: 'sh: nosuchcommand: not found\n', code: 127});
	});

	it('reports syntax errors as ash does', async () => {
		expect((await sh("echo 'open")).stderr).toBe('sh: syntax error: unterminated quoted string\n');
		expect((await sh('fi')).stderr).toBe('sh: syntax error: unexpected "fi"\n');
	});

	it('writes to stderr what goes there', async () => {
		const result = await sh('echo to-err >&2; cat /missing');
		expect(result.stderr).toBe("to-err\ncat: can't open '/missing': No such file or directory\n");
	});
});

describe('sh in Debian-based images', () => {
	it('words errors as dash does, and bash as bash', async () => {
		const pod = startPod('nginx:1.27');
		expect((await exec(pod, ['sh', '-c', 'echo ok; nosuch'])).stderr).toBe('sh: 1: nosuch: not found\n');
		expect((await exec(pod, ['bash', '-c', 'nosuch'])).stderr).toBe('bash: line 1: nosuch: command not found\n');
		expect((await exec(pod, ['cat', '/missing'])).stderr).toBe('cat: /missing: No such file or directory\n');
	});

	it('has curl where the image has it, and not otherwise', async () => {
		const nginx = startPod('nginx:1.27');
		expect(await exec(nginx, ['sh', '-c', 'curl -s web'])).toEqual({stdout: 'hello from web /\n', stderr: '', code: 0});
		const busybox = startPod('busybox', {command: ['sleep', '3600']});
		expect((await exec(busybox, ['sh', '-c', 'curl -s web'])).code).toBe(127);
		expect((await exec(busybox, ['sh', '-c', 'bash'])).stderr).toBe('sh: bash: not found\n');
	});
});

describe('curl and wget', () => {
	it('fail as the real tools do', async () => {
		const nginx = startPod('nginx:1.27');
		expect(await exec(nginx, ['curl', '-sS', 'nowhere'])).toEqual({stdout: '', stderr: 'curl: (6) Could not resolve host: nowhere\n', code: 6});
		expect((await exec(nginx, ['curl', '-s', 'down:8080'])).code).toBe(7);
		expect(await exec(nginx, ['curl', '-sf', 'missing-page'])).toEqual({stdout: '', stderr: '', code: 22});
		expect((await exec(nginx, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'missing-page'])).stdout).toBe('404');
		const busybox = startPod('busybox', {command: ['sleep', '3600']});
		expect(await exec(busybox, ['wget', '-qO-', 'nowhere'])).toEqual({stdout: '', stderr: "wget: bad address 'nowhere'\n", code: 1});
		expect((await exec(busybox, ['wget', '-qO-', 'down'])).stderr).toBe("wget: can't connect to remote host (10.96.0.30): Connection refused\n");
		expect((await exec(busybox, ['wget', '-qO-', 'missing-page'])).stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
	});

	it('reach the pod itself on localhost', async () => {
		const pod = startPod('gcr.io/google-samples/kubernetes-bootcamp:v1');
		const result = await exec(pod, ['curl', '-s', 'http://localhost:8080']);
		expect(result.stdout).toBe('Hello Kubernetes bootcamp! | Running on: web-7d9f8b6c5d-x2x4q | v=1\n');
		expect((await exec(pod, ['curl', '-s', 'localhost:9999'])).code).toBe(7);
	});

	it('include headers with -i', async () => {
		const pod = startPod('nginx:1.27');
		const result = await exec(pod, ['curl', '-si', 'localhost']);
		expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.5\r\n/);
		expect(result.stdout).toContain('Content-Length: 615\r\n');
		expect(result.stdout).toContain('<title>Welcome to nginx!</title>');
	});
});
