import { spawnSync } from 'node:child_process';

/** A prerequisite program is missing or too old; the message says what to install. */
export class MissingToolError extends Error {
  override readonly name = 'MissingToolError';
}

interface ToolSpec {
  readonly command: string;
  readonly versionArgs: readonly string[];
  /** Extracts the major (and minor) version from the command's output. */
  readonly versionPattern: RegExp;
  readonly minimum: readonly [number, number];
  readonly purpose: string;
  readonly install: string;
}

const TOOLS = {
  java: {
    command: 'java',
    versionArgs: ['-version'],
    versionPattern: /version "(\d+)(?:\.(\d+))?/,
    minimum: [17, 0],
    purpose: 'runs the embedded Apache Kafka broker',
    install: 'install a JDK 17 or later (Debian: apt-get install openjdk-17-jdk-headless)',
  },
  mvn: {
    command: 'mvn',
    versionArgs: ['-v'],
    versionPattern: /Apache Maven (\d+)\.(\d+)/,
    minimum: [3, 6],
    purpose: 'resolves the Apache Kafka jars from Maven Central',
    install: 'install Apache Maven 3.6 or later (Debian: apt-get install maven)',
  },
  go: {
    command: 'go',
    versionArgs: ['version'],
    versionPattern: /go(\d+)\.(\d+)/,
    minimum: [1, 21],
    purpose: 'builds the embedded FerretDB server (infra/ferretdb)',
    install: 'install Go 1.21 or later (it fetches the toolchain that infra/ferretdb/go.mod names)',
  },
} as const satisfies Record<string, ToolSpec>;

export type ToolName = keyof typeof TOOLS;

/** Checks that a tool is on the PATH and new enough; returns its version line. */
export function requireTool(name: ToolName): string {
  const spec: ToolSpec = TOOLS[name];
  const result = spawnSync(spec.command, spec.versionArgs, { encoding: 'utf8' });
  const hint = `The embedded infrastructure needs ${spec.command} (it ${spec.purpose}): ${spec.install}. Or set KAFKA_BROKERS and MONGO_URL to use servers of your own.`;
  if (result.error) {
    throw new MissingToolError(`${spec.command} was not found on the PATH. ${hint}`);
  }
  const output = `${result.stdout}${result.stderr}`;
  const match = spec.versionPattern.exec(output);
  if (!match) {
    throw new MissingToolError(
      `Could not read the version of ${spec.command} from: ${output.trim()}. ${hint}`,
    );
  }
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  const [minMajor, minMinor] = spec.minimum;
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    throw new MissingToolError(
      `${spec.command} ${major}.${minor} is too old; ${minMajor}.${minMinor} or later is needed. ${hint}`,
    );
  }
  return (
    output
      .split('\n')
      .find((line) => spec.versionPattern.test(line))
      ?.trim() ?? output.trim()
  );
}
