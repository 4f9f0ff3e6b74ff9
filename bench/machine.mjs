// What the benchmark ran on: CPU, cores, OS and tool versions, and the date.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** First line of `cmd args` (stdout, else stderr), or null when it cannot run. */
export function firstLine(cmd, args, env = process.env) {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
    return (
      out
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim() ?? null
    );
  } catch {
    return null;
  }
}

/** Environment for Debian's emcc, which needs its JavaScript modules from /usr/share/nodejs. */
export function emccEnv() {
  const env = { ...process.env };
  if (existsSync('/usr/share/nodejs')) {
    env.NODE_PATH = env.NODE_PATH ? `${env.NODE_PATH}:/usr/share/nodejs` : '/usr/share/nodejs';
  }
  return env;
}

function cpuModel() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const line = info.split('\n').find((l) => /^model name\s*:/.test(l));
    if (line) return line.replace(/^model name\s*:\s*/, '').trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function osName() {
  try {
    const rel = readFileSync('/etc/os-release', 'utf8');
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(rel);
    if (m) return `${m[1]}, ${os.arch()}`;
  } catch {
    /* no os-release */
  }
  return `${os.type()} ${os.release()}, ${os.arch()}`;
}

/** The commit measured, and whether the sources the numbers depend on differ from it. */
export function sourceInfo(root) {
  const commit = firstLine('git', ['-C', root, 'rev-parse', '--short', 'HEAD']);
  if (!commit) return 'not a git checkout';
  let changed = [];
  try {
    const st = execFileSync(
      'git',
      ['-C', root, 'status', '--porcelain', '--', 'c/src', 'c/include', 'web/wasm', 'web/src', 'build.sh'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    changed = [
      ...new Set(
        st
          .split('\n')
          .filter(Boolean)
          .map((l) => l.slice(3).split('/').slice(0, 2).join('/')),
      ),
    ];
  } catch {
    /* leave it empty */
  }
  return changed.length
    ? `commit ${commit}, with uncommitted changes in ${changed.join(', ')}`
    : `commit ${commit}`;
}

export function machineInfo() {
  const emcc = firstLine(process.env.EMCC || 'emcc', ['--version'], emccEnv());
  const gcc = firstLine(process.env.CC_BENCH || 'gcc', ['--version']);
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName(),
    node: process.version,
    // "emcc (Emscripten gcc/clang-like replacement + linker ...) 3.1.6 ()" -> "emcc 3.1.6"
    emcc: emcc ? `emcc ${(/(\d+\.\d+\.\d+)/.exec(emcc) ?? [emcc])[0]}` : 'not found',
    gcc: gcc ?? 'not found',
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/**
 * CPU time so far, in clock ticks: `all` = every CPU's busy time (steal included: time the
 * hypervisor gave to others), `mine` = this process and the children it has waited for
 * (native bench, Python, gcc, the build, Chromium). Linux only; null elsewhere.
 */
export function cpuTicks() {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = cpu;
    const total = cpu.slice(0, 8).reduce((a, b) => a + (b || 0), 0);
    const all = user + nice + system + irq + softirq + (steal || 0);
    // /proc/self/stat: the command may hold spaces, so count fields after its closing ')'.
    const self = readFileSync('/proc/self/stat', 'utf8');
    const f = self
      .slice(self.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    // fields 14..17 of the file (utime, stime, cutime, cstime) are 11..14 after ')'.
    const mine = f[11] + f[12] + f[13] + f[14];
    return { total, idle: idle + (iowait || 0), all, mine };
  } catch {
    return null;
  }
}

/** Cores other processes kept busy on average between two cpuTicks() (null if unknown). */
export function otherLoad(a, b, cores) {
  if (!a || !b || b.total <= a.total) return null;
  const others = b.all - a.all - (b.mine - a.mine);
  return Math.max(0, (others / (b.total - a.total)) * cores);
}
