import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrerequisiteError } from '../errors';
import { cacheDir, findOnPath } from '../paths';
import { installAtomically } from './install-dir';
import { run, tail } from './process';

/** Java time-skipping test server (Maven Central io.temporal:temporal-test-server). */
export const TEST_SERVER_VERSION = '1.38.0';

/**
 * Fast JVM start: the SDK gives the server 5 s to accept gRPC; C1-only JIT and serial GC keep a cold
 * start on 2 busy cores near 2 s.
 */
const JVM_FLAGS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';

export function testServerDir(): string {
  return path.join(cacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}`);
}

function pom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>duban.provision</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
  </dependencies>
</project>
`;
}

/** The wrapper `exec`s java so the SDK, which kills only its direct child, stops the JVM itself. */
function wrapperScript(java: string, dir: string): string {
  return `#!/bin/sh
# duban: Temporal time-skipping test server ${TEST_SERVER_VERSION}; argument: <port>
exec "${java}" ${JVM_FLAGS} -cp "${dir}/lib/*" io.temporal.testserver.TestServer "$@"
`;
}

/** Returns the path of an executable that starts the test server on the port given as its argument. */
export function provisionTestServer(): string {
  const dir = testServerDir();
  const wrapper = path.join(dir, 'temporal-test-server');
  if (fs.existsSync(wrapper)) return wrapper;

  const java = findOnPath('java');
  if (!java) {
    throw new PrerequisiteError(
      'Java 17+ is needed for the time-skipping test server: install it (e.g. `apt-get install openjdk-17-jre-headless`) or put `java` on PATH',
    );
  }
  const mvn = findOnPath('mvn');
  if (!mvn) {
    throw new PrerequisiteError(
      'Maven is needed once to fetch the time-skipping test server: install it (e.g. `apt-get install maven`) or put `mvn` on PATH',
    );
  }
  console.error(`duban: fetching the Temporal test server ${TEST_SERVER_VERSION} with Maven (once per machine)…`);
  installAtomically(dir, (staging) => {
    fs.writeFileSync(path.join(staging, 'pom.xml'), pom());
    const fetched = run(mvn, ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(staging, 'lib')}`], {
      cwd: staging,
    });
    if (!fetched.ok) {
      throw new PrerequisiteError(
        `could not fetch io.temporal:temporal-test-server:${TEST_SERVER_VERSION} with Maven (does Maven reach its central repository?)\n${tail(fetched.output)}`,
      );
    }
    fs.writeFileSync(path.join(staging, 'temporal-test-server'), wrapperScript(java, dir), { mode: 0o755 });
  });
  return wrapper;
}

