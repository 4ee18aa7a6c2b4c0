'use strict';

// Chat anchor for bench/compare.sh: the lesson's chat room written the plain Node.js way, with
// `net`, an array of sockets, and on each line a `forEach` that writes to every other member.
// It speaks the part of the gateway's protocol the load generator uses: a greeting line,
// `/mode chat` answered `OK mode chat, you are guestN`, `* guestN joined` to the others, and
// each chat line relayed as `<guestN> text`. A second port takes the operator alarm,
// `POST /actuator/broadcast` with {"message": "..."}, and writes `! message` to every socket.
//
//   node bench/node-chat-server.js PORT HTTP_PORT

const net = require('net');
const http = require('http');

const port = Number(process.argv[2] || 8080);
const httpPort = Number(process.argv[3] || 8081);

const sockets = [];
const members = [];
let guests = 0;

const server = net.createServer((socket) => {
  // A client reset must not crash the anchor with an unhandled 'error' event.
  socket.on('error', () => {});
  sockets.push(socket);
  socket.write('Mensagem do servidor!\r\n');
  let name = null;
  let partial = '';
  socket.setEncoding('utf8');
  socket.on('data', (data) => {
    const lines = (partial + data).split('\n');
    partial = lines.pop();
    lines.forEach((raw) => {
      const line = raw.replace(/\r$/, '');
      if (line === '') return;
      if (name === null) {
        if (line !== '/mode chat') {
          socket.write('ERR only /mode chat here\r\n');
          return;
        }
        name = `guest${++guests}`;
        socket.write(`OK mode chat, you are ${name}\r\n`);
        members.forEach((other) => other.write(`* ${name} joined\r\n`));
        members.push(socket);
        return;
      }
      members.forEach((other) => {
        if (other !== socket) other.write(`<${name}> ${line}\r\n`);
      });
    });
  });
  socket.on('close', () => {
    sockets.splice(sockets.indexOf(socket), 1);
    if (name !== null) members.splice(members.indexOf(socket), 1);
  });
});

const alarms = http.createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/actuator/broadcast') {
    response.writeHead(404).end();
    return;
  }
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    let message;
    try {
      message = JSON.parse(body).message;
    } catch (e) {
      message = undefined;
    }
    if (typeof message !== 'string' || message === '' || /[\r\n]/.test(message)) {
      response.writeHead(400).end();
      return;
    }
    sockets.forEach((socket) => socket.write(`! ${message}\r\n`));
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ recipients: sockets.length, nodes: 1 }));
  });
});

server.listen(port, () => {
  alarms.listen(httpPort, () => {
    console.error(`node chat server listening on port ${port}, alarms on http port ${httpPort}`);
  });
});
