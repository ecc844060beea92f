// The deployment files a bureau's IT installs (deploy/): the systemd units pass `systemd-analyze verify`
// as the instances deploy/README.md enables, say what the guide says they say, and run programs that
// exist in this checkout; the env examples are settings duban accepts; the Temporal server config
// parses, renders as the server renders it, and holds what the server needs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { loadConfig } from '../libs/runtime/config';
import { findNginx, NGINX_SITE, nginxMainConfig, renderNginxSite } from '../libs/runtime/services/duban-cluster';

const root = path.join(__dirname, '..');
const systemdDir = path.join(root, 'deploy', 'systemd');
const temporalDir = path.join(root, 'deploy', 'temporal');


// ── systemd ─────────────────────────────────────────────────────────────────────────────────────────

/** The units as deploy/README.md enables them on a single host. */
const INSTANCES = [
  'duban-api@8081.service',
  'duban-api@8082.service',
  'duban-worker@1.service',
  'duban-worker@2.service',
  'temporal@frontend.service',
  'temporal@history.service',
  'temporal@matching.service',
  'temporal@worker.service',
  'duban-migrate.service',
  'duban.target',
];

function systemdAnalyze(): string {
  for (const candidate of ['/usr/bin/systemd-analyze', '/bin/systemd-analyze']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  const found = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  throw new Error('systemd-analyze is not installed: this suite checks deploy/systemd with `systemd-analyze verify` (Debian/Ubuntu: apt-get install systemd)');
}

/**
 * `systemd-analyze verify` of the given units, found through SYSTEMD_UNIT_PATH in `dir` first (the
 * trailing colon appends the system's own unit directories, for sysinit.target, network-online.target
 * and the like). Templates are instantiated by name, as systemd does when an instance is enabled, so
 * %i takes the real instance values.
 *
 * verify exits 0 even when it could not parse a line ("Unknown key …, ignoring", "Failed to parse …,
 * ignoring"): those warnings are printed and the line is dropped. So every line it prints counts as a
 * problem, and the exit status too. No warning is tolerated: on this machine verify prints nothing for
 * these units. What verify does not check, and why that is fine here: User=/Group= (the duban user need
 * not exist on a developer's machine; verify never looks it up), EnvironmentFile= (read only when a unit
 * starts), and programs after /usr/bin/env (verify checks only that /usr/bin/env is executable; the
 * programs themselves are checked below against this checkout and the install paths of the guide).
 */
function verify(dir: string, units: string[]): string[] {
  const result = spawnSync(systemdAnalyze(), ['verify', '--man=no', ...units], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:`, SYSTEMD_LOG_COLOR: '0' },
  });
  if (result.error) throw result.error;
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim()).filter(Boolean);
  if (result.status !== 0) lines.push(`systemd-analyze verify exited with ${result.status ?? result.signal}`);
  return lines;
}

function copyUnits(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-units-'));
  for (const name of fs.readdirSync(systemdDir)) {
    if (/\.(service|target)$/.test(name)) fs.copyFileSync(path.join(systemdDir, name), path.join(dir, name));
  }
  return dir;
}

type Unit = Record<string, Record<string, string[]>>;

/** A unit file as sections of key → values (repeated keys collect; continuation lines are not used here). */
function parseUnit(file: string): Unit {
  const unit: Unit = {};
  let section = '';
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1];
      unit[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    expect(eq).toBeGreaterThan(0);
    expect(raw.trimEnd().endsWith('\\')).toBe(false);
    (unit[section][line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return unit;
}

const one = (unit: Unit, section: string, key: string): string | undefined => unit[section]?.[key]?.at(-1);
const words = (unit: Unit, section: string, key: string): string[] => (unit[section]?.[key] ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean);

/** The program and arguments of ExecStart, past a leading `/usr/bin/env NAME=value …`. */
function program(unit: Unit): { env: Record<string, string>; argv: string[] } {
  const argv = (one(unit, 'Service', 'ExecStart') ?? '').split(/\s+/).filter(Boolean);
  const env: Record<string, string> = {};
  if (argv[0] === '/usr/bin/env') {
    argv.shift();
    while (argv[0] && /^[A-Z_][A-Z0-9_]*=/.test(argv[0])) {
      const [name, ...value] = argv.shift()!.split('=');
      env[name] = value.join('=');
    }
  }
  return { env, argv };
}

/** /opt/duban/dist/<entry>.js in a unit → <entry>.ts of this checkout, which the build compiles to it. */
function entrySource(installed: string): string {
  const match = /^\/opt\/duban\/dist\/(.+)\.js$/.exec(installed);
  if (!match) throw new Error(`${installed} is not an entry point under /opt/duban/dist`);
  return path.join(root, `${match[1]}.ts`);
}

describe('deploy/systemd', () => {
  let dir: string;

  beforeAll(() => {
    dir = copyUnits();
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes systemd-analyze verify as the instances the guide enables', () => {
    expect(verify(dir, INSTANCES)).toEqual([]);
  });

  it('turns a mistake in a unit into a failure (verify itself only warns and exits 0)', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-units-broken-'));
    try {
      const text = fs.readFileSync(path.join(dir, 'duban-api@.service'), 'utf8');
      fs.writeFileSync(path.join(broken, 'duban-api@.service'), text.replace('Restart=on-failure', 'Restart=sometimes\nProtectSystem=strictly'));
      const problems = verify(broken, ['duban-api@8081.service']);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/restart specifier.*sometimes/i), expect.stringMatching(/ProtectSystem|strictly/)]));
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('runs every process as the duban user, hardened, restarted on failure, from /etc/duban settings', () => {
    const services = fs.readdirSync(systemdDir).filter((name) => name.endsWith('.service'));
    expect(services.sort()).toEqual(['duban-api@.service', 'duban-migrate.service', 'duban-worker@.service', 'temporal@.service']);
    for (const name of services) {
      const unit = parseUnit(path.join(systemdDir, name));
      const where = `${name}: `;
      expect(where + one(unit, 'Service', 'User')).toBe(`${where}duban`);
      expect(where + one(unit, 'Service', 'Group')).toBe(`${where}duban`);
      for (const [key, value] of Object.entries({ NoNewPrivileges: 'yes', ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', PrivateDevices: 'yes', CapabilityBoundingSet: '' })) {
        expect(`${where}${key}=${one(unit, 'Service', key)}`).toBe(`${where}${key}=${value}`);
      }
      expect(words(unit, 'Unit', 'After')).toEqual(expect.arrayContaining(['network-online.target', 'postgresql.service']));
      expect(words(unit, 'Unit', 'Wants')).toContain('network-online.target');
      const temporal = name.startsWith('temporal@');
      expect(where + one(unit, 'Service', 'EnvironmentFile')).toBe(where + (temporal ? '/etc/duban/temporal.env' : '/etc/duban/duban.env'));
      if (name === 'duban-migrate.service') {
        // Run by hand before a release's processes; nothing starts it by itself.
        expect(one(unit, 'Service', 'Type')).toBe('oneshot');
        expect(unit.Install).toBeUndefined();
        continue;
      }
      expect(where + one(unit, 'Service', 'Restart')).toBe(`${where}on-failure`);
      expect(words(unit, 'Unit', 'PartOf')).toEqual(['duban.target']);
      expect(words(unit, 'Install', 'WantedBy')).toEqual(['duban.target']);
      if (!temporal) {
        expect(words(unit, 'Unit', 'After')).toEqual(expect.arrayContaining(['temporal@frontend.service', 'duban-migrate.service']));
        // V8 compiles to machine code at run time: this would stop Node at its first JIT.
        expect(where + (one(unit, 'Service', 'MemoryDenyWriteExecute') ?? 'unset')).toBe(`${where}unset`);
        expect(one(unit, 'Service', 'WorkingDirectory')).toBe('/opt/duban');
      }
    }
    const target = parseUnit(path.join(systemdDir, 'duban.target'));
    expect(words(target, 'Install', 'WantedBy')).toEqual(['multi-user.target']);
  });

  it('starts the entry points of this checkout with the settings the guide describes', () => {
    const unit = (name: string) => program(parseUnit(path.join(systemdDir, name)));
    const api = unit('duban-api@.service');
    // The port is the instance, and set on the command line so a PORT in duban.env cannot win.
    expect(api.env).toEqual({ PORT: '%i' });
    expect(api.argv[0]).toBe('/usr/bin/node');
    expect(fs.existsSync(entrySource(api.argv[1]))).toBe(true);
    expect(api.argv[1]).toBe('/opt/duban/dist/apps/api/main.js');
    const worker = unit('duban-worker@.service');
    expect(worker.argv).toEqual(['/usr/bin/node', '/opt/duban/dist/apps/worker/main.js']);
    expect(fs.existsSync(entrySource(worker.argv[1]))).toBe(true);
    const migrate = unit('duban-migrate.service');
    expect(migrate.argv).toEqual(['/usr/bin/node', '/opt/duban/dist/libs/runtime/cli/migrate.js']);
    expect(fs.existsSync(entrySource(migrate.argv[1]))).toBe(true);
    // The build writes dist/<entry>.js for each of them (tools/build.cjs compiles apps/ and libs/).
    expect(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).toContain('"migrate": "node tools/launch.cjs libs/runtime/cli/migrate"');

    const temporal = unit('temporal@.service');
    expect(temporal.env).toEqual({ TEMPORAL_SERVICE: '%i' });
    // temporal-server -r <root> -c <config dir> -e <env> … start --service <name>: <root>/<config dir>/<env>.yaml.
    expect(temporal.argv).toEqual(['/usr/local/bin/temporal-server', '--root', '/', '--config', '/etc/duban/temporal', '--env', 'production', '--allow-no-auth', 'start', '--service', '%i']);
    expect(fs.existsSync(path.join(temporalDir, 'production.yaml'))).toBe(true);
  });

  it('has an env example that duban accepts as it stands, with nothing else to set but the placeholders', () => {
    const { set, commented } = envFile(path.join(systemdDir, 'duban.env.example'));
    // The unit sets PORT; demo data must never reach a real database.
    expect(Object.keys(set)).not.toContain('PORT');
    expect([...Object.keys(set), ...commented]).not.toContain('DUBAN_DEMO');
    for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DATABASE_URL', 'DUBAN_JWT_SECRET', 'TRUST_PROXY', 'DUBAN_PUBLIC_URL', 'DUBAN_PG_POOL', 'DUBAN_TASK_QUEUE', 'HOST']) {
      expect(Object.keys(set)).toContain(name);
    }
    // The secret's placeholder is refused, so an unedited copy cannot run with a published secret.
    expect(() => loadConfig(set)).toThrow(/DUBAN_JWT_SECRET/);
    const config = loadConfig({ ...set, DUBAN_JWT_SECRET: 'x'.repeat(48) });
    expect(config).toMatchObject({ temporalAddress: '127.0.0.1:7233', temporalNamespace: 'duban', host: '127.0.0.1', trustProxy: ['loopback'], taskQueue: 'duban-measures', pgPoolSize: 20 });
    // Every variable it mentions, set or commented out, is one duban's configuration reads.
    const known = fs.readFileSync(path.join(root, 'libs', 'runtime', 'config.ts'), 'utf8');
    for (const name of [...Object.keys(set), ...commented]) {
      if (name === 'DUBAN_DATA_DIR') continue; // read by the first-start command (libs/runtime/paths.ts), not the schema
      expect(`${name}: ${known.includes(`  ${name}: `)}`).toBe(`${name}: true`);
    }
  });
});

/** A systemd EnvironmentFile as the simple NAME=value (optionally "quoted") lines the examples use. */
function envFile(file: string): { set: Record<string, string>; commented: string[] } {
  const set: Record<string, string> = {};
  const commented: string[] = [];
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    const example = /^#([A-Z][A-Z0-9_]+)=/.exec(line);
    if (example) commented.push(example[1]);
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`${path.basename(file)}: not a NAME=value line: ${line}`);
    set[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return { set, commented };
}

// ── Temporal server config ──────────────────────────────────────────────────────────────────────────

/**
 * Renders production.yaml as the server does (Go text/template with sprig, because of its
 * "enable-template" comment), for the only forms of action the file uses. Any other action fails the
 * suite, so this stays a faithful stand-in: check a new form against the server itself
 * (`temporal-server … render-config`, deploy/README.md) and add it here. The server binary is not
 * used here because `npm test` does not build it.
 */
function renderTemplate(text: string, env: Record<string, string>): string {
  const value = (name: string) => env[name] ?? '';
  const goString = (literal: string) => literal.replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text.replace(/\{\{(.*?)\}\}/g, (action: string, body: string) => {
    const expression = body.trim();
    let m: RegExpExecArray | null;
    if ((m = /^env "([A-Z_]+)"$/.exec(expression))) return value(m[1]);
    if ((m = /^default "([^"]*)" \(env "([A-Z_]+)"\)$/.exec(expression))) return value(m[2]) || m[1];
    if ((m = /^env "([A-Z_]+)" \| replace "([^"]*)" "([^"]*)"$/.exec(expression))) return value(m[1]).split(goString(m[2])).join(goString(m[3]));
    if ((m = /^get \(dict((?: "[^"]*")+)\) \(env "([A-Z_]+)"\)$/.exec(expression))) {
      const items = [...m[1].matchAll(/"([^"]*)"/g)].map((item) => item[1]);
      const dict = Object.fromEntries(items.flatMap((item, i) => (i % 2 === 0 ? [[item, items[i + 1]]] : [])));
      return dict[value(m[2])] ?? '';
    }
    throw new Error(`production.yaml: template action this suite does not know: ${action}`);
  });
}

interface SqlStore {
  pluginName: string;
  databaseName: string;
  connectAddr: string;
  connectProtocol: string;
  user: string;
  password: string;
  maxConns: number;
  maxIdleConns: number;
}

interface ServerConfig {
  log: { stdout: boolean; level: string };
  persistence: { defaultStore: string; visibilityStore: string; numHistoryShards: number; datastores: Record<string, { sql: SqlStore }> };
  global: { membership: { maxJoinDuration: string; broadcastAddress: string }; metrics: { prometheus: { listenAddress: string } } };
  services: Record<string, { rpc: { grpcPort: number; membershipPort: number; bindOnIP: string; bindOnLocalHost?: boolean } }>;
  clusterMetadata: { masterClusterName: string; currentClusterName: string; clusterInformation: Record<string, { enabled: boolean; rpcName: string; rpcAddress: string }> };
  archival: { history: { state: string }; visibility: { state: string } };
  dynamicConfigClient: { filepath: string; pollInterval: string };
  publicClient?: unknown;
}

const SAMPLE_ENV = {
  TEMPORAL_DB_HOST: '10.20.0.5',
  TEMPORAL_DB_PORT: '5433',
  TEMPORAL_DB_USER: 'temporal',
  // Quotes, a YAML comment sign, a colon, a percent and a backslash: all must come through unchanged.
  TEMPORAL_DB_PASSWORD: `it's"a"#pass:w%rd\\1''`,
  TEMPORAL_BIND_IP: '10.20.0.11',
  TEMPORAL_BROADCAST_ADDRESS: '',
};

describe('deploy/temporal', () => {
  const file = path.join(temporalDir, 'production.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const render = (env: Record<string, string>) => yaml.load(renderTemplate(text, env)) as ServerConfig;

  it('is a template for the server (enable-template within the first 1 KB) and valid YAML before rendering', () => {
    const head = Buffer.from(text).subarray(0, 1024).toString('utf8').split('\n');
    expect(head.some((line) => line.trim().startsWith('#') && line.includes('enable-template'))).toBe(true);
    // Comments are rendered too: a brace pair in one would be an action.
    for (const line of text.split('\n')) if (line.trim().startsWith('#')) expect(line).not.toContain('{{');
    expect(yaml.load(text)).toEqual(expect.objectContaining({ persistence: expect.any(Object), services: expect.any(Object) }));
  });

  it('renders, with the values of temporal.env, into what the server needs for PostgreSQL', () => {
    const config = render({ ...SAMPLE_ENV, TEMPORAL_SERVICE: 'history' });
    const { persistence } = config;
    // Fixed at the first start for the life of the database; changing it here would be ignored by the
    // server (it keeps the stored count), so a change is a mistake to catch: see the comment in the file.
    expect(persistence.numHistoryShards).toBe(128);
    expect(Object.keys(persistence.datastores).sort()).toEqual([persistence.defaultStore, persistence.visibilityStore].sort());
    const stores = { temporal: persistence.datastores[persistence.defaultStore].sql, temporal_visibility: persistence.datastores[persistence.visibilityStore].sql };
    for (const [database, sql] of Object.entries(stores)) {
      expect(sql).toMatchObject({ pluginName: 'postgres12', databaseName: database, connectAddr: '10.20.0.5:5433', connectProtocol: 'tcp', user: 'temporal', password: SAMPLE_ENV.TEMPORAL_DB_PASSWORD });
      expect(sql.maxConns).toBeGreaterThanOrEqual(sql.maxIdleConns);
    }
    expect(config.global.membership).toEqual({ maxJoinDuration: '30s', broadcastAddress: '' });
    expect(config.global.metrics.prometheus.listenAddress).toBe('10.20.0.11:9234');
    expect(config.log).toEqual({ stdout: true, level: 'info' });
    expect(config.archival).toEqual({ history: { state: 'disabled' }, visibility: { state: 'disabled' } });
    // The system worker finds the frontend through membership: no publicClient.
    expect(config.publicClient).toBeUndefined();
    const cluster = config.clusterMetadata;
    expect(cluster.clusterInformation[cluster.currentClusterName]).toMatchObject({ enabled: true, rpcName: 'frontend' });
    expect(cluster.masterClusterName).toBe(cluster.currentClusterName);
  });

  it('defaults to PostgreSQL and the services on loopback, with a port of its own for every service', () => {
    const config = render({ TEMPORAL_DB_USER: 'temporal', TEMPORAL_DB_PASSWORD: 'secret' });
    expect(config.persistence.datastores[config.persistence.defaultStore].sql.connectAddr).toBe('127.0.0.1:5432');
    expect(Object.keys(config.services).sort()).toEqual(['frontend', 'history', 'matching', 'worker']);
    expect(config.services.frontend.rpc.grpcPort).toBe(7233);
    const ports: number[] = [];
    for (const [service, { rpc }] of Object.entries(config.services)) {
      expect(`${service} ${rpc.bindOnIP}`).toBe(`${service} 127.0.0.1`);
      expect(rpc.bindOnLocalHost).toBeUndefined(); // mutually exclusive with bindOnIP
      ports.push(rpc.grpcPort, rpc.membershipPort);
      const metrics = render({ TEMPORAL_SERVICE: service }).global.metrics.prometheus.listenAddress;
      expect(metrics).toMatch(/^127\.0\.0\.1:\d+$/);
      ports.push(Number(metrics.split(':')[1]));
    }
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('names the dynamic config shipped beside it, which parses into keys with lists of values', () => {
    const config = render(SAMPLE_ENV);
    expect(path.isAbsolute(config.dynamicConfigClient.filepath)).toBe(true);
    expect(config.dynamicConfigClient.filepath).toBe('/etc/duban/temporal/dynamicconfig.yaml');
    const dynamic = yaml.load(fs.readFileSync(path.join(temporalDir, path.basename(config.dynamicConfigClient.filepath)), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(dynamic).length).toBeGreaterThan(0);
    for (const [key, values] of Object.entries(dynamic)) {
      expect(key).toMatch(/^[a-zA-Z]+\.[a-zA-Z.]+$/);
      expect(Array.isArray(values) && values.every((v) => typeof v === 'object' && v !== null && 'value' in v)).toBe(true);
    }
  });

  it('takes from temporal.env exactly the variables temporal.env.example lists', () => {
    const actions = [...text.matchAll(/\{\{(.*?)\}\}/g)].map((m) => m[1]);
    const used = new Set(actions.flatMap((action) => [...action.matchAll(/env "([A-Z_]+)"/g)].map((m) => m[1])));
    used.delete('TEMPORAL_SERVICE'); // set by temporal@.service from its instance name
    const { set } = envFile(path.join(systemdDir, 'temporal.env.example'));
    expect(Object.keys(set).sort()).toEqual([...used].sort());
  });
});

describe('deploy/nginx', () => {
  const site = fs.readFileSync(NGINX_SITE, 'utf8');

  it('passes nginx -t as written (inside a main config as Debian\'s http block would include it)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-nginx-'));
    try {
      fs.mkdirSync(path.join(dir, 'temp'));
      const main = path.join(dir, 'nginx.conf');
      fs.writeFileSync(main, nginxMainConfig(dir, NGINX_SITE));
      const checked = spawnSync(findNginx(), ['-t', '-p', dir, '-c', main], { encoding: 'utf8' });
      expect([checked.status, checked.stderr]).toEqual([0, expect.stringContaining('test is successful')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the file npm run cluster uses, with its ports: one upstream server line per API process', () => {
    const rendered = renderNginxSite(site, 4100, [4101, 4102, 4103]);
    expect(rendered).toMatch(/^\s*listen 127\.0\.0\.1:4100;$/m);
    expect(rendered.match(/^\s*server 127\.0\.0\.1:\d+ [^;]*;$/gm)?.map((l) => l.trim().split(' ')[1])).toEqual(['127.0.0.1:4101', '127.0.0.1:4102', '127.0.0.1:4103']);
    // Everything else stays as written: the proxy settings a bureau's nginx gets are the tested ones.
    expect(rendered.replace(/^\s*(listen|server 127)[^\n]*\n/gm, '')).toBe(site.replace(/^\s*(listen|server 127)[^\n]*\n/gm, ''));
  });
});
