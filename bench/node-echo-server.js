'use strict';

// Baseline for bench/compare.sh: the lesson's Node.js `net` echo server. It greets each
// client with one line and then pipes the socket back to itself. Nothing is logged per
// connection, so the baseline does not pay for console output the gateway does not do.

const net = require('net');

const port = Number(process.argv[2] || process.env.PORT || 8080);

const server = net.createServer((connection) => {
  // A client reset must not crash the baseline with an unhandled 'error' event.
  connection.on('error', () => {});
  connection.write('Mensagem do servidor!\r\n');
  connection.pipe(connection);
});

server.listen(port, () => {
  console.error(`node echo server listening on port ${port}`);
});
