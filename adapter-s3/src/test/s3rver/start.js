// Starts s3rver on 127.0.0.1 on a free port, prints {"port": N} on one line, and stops when stdin closes
// (the test JVM exited or closed it), so no server outlives its tests.
// Usage: node start.js <data directory>
const S3rver = require('s3rver');

const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2] });
server.run().then(
  address => {
    process.stdout.write(JSON.stringify({ port: address.port }) + '\n');
  },
  error => {
    process.stderr.write('s3rver could not start: ' + error.message + '\n');
    process.exit(1);
  },
);
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
