// A standalone ICAP server for tests that must kill a real process: prints its port, then serves.
// Usage: tsx serve-main.ts <store.db> [port]
import { startTestIcap } from './start.js';

const [storePath = ':memory:', port = '0'] = process.argv.slice(2);
const icap = await startTestIcap(JSON.parse(process.env.MAMORI_TEST_ICAP_CONFIG ?? '{}') as Record<string, unknown>, storePath, Number(port));
process.stdout.write(`${JSON.stringify({ port: icap.port, pid: process.pid })}\n`);
process.on('SIGTERM', () => {
  void icap.stop().then(() => process.exit(0));
});
// The parent holds our stdin: when it is gone (a test killed on timeout), so are we.
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();
