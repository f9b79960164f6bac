package dev.stack.cli.it;

import dev.stack.core.testing.RequiresDocker;

/** {@link LogsContract} on the docker backend (a local busybox image). */
@RequiresDocker
class DockerLogsContractIT extends LogsContract {

  @Override
  String backendLines() {
    return "    backend: docker\n    image: stack-busybox:1\n    stop: {timeout: 2s}";
  }
}
