package dev.stack.cli.it;

/** {@link LogsContract} on the native backend. */
class NativeLogsContractIT extends LogsContract {

  @Override
  String backendLines() {
    return "    restart: {policy: on-failure}";
  }
}
