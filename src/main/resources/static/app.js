// The gateway's web page: one WebSocket to /ws, one text message per line each way.
// Everything the server sends is shown with textContent, never parsed as HTML.
'use strict';

(function () {
  const MAX_LINES = 2000;
  const MAX_HISTORY = 200;
  const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];

  const status = document.getElementById('status');
  const connectButton = document.getElementById('connect');
  const alarms = document.getElementById('alarms');
  const recentAlarms = document.getElementById('recent-alarms');
  const transcript = document.getElementById('transcript');
  const form = document.getElementById('prompt');
  const input = document.getElementById('input');

  const history = [];
  let historyIndex = 0;
  let draft = '';
  let socket = null;
  let attempt = 0;
  let lastLine = '';
  let retryTimer = null;
  // The alarms being listed while the page's own /alarms is answered, else null.
  let listing = null;

  // Control characters, bidi embeddings, overrides and isolates, and the line and
  // paragraph separators are shown escaped, as the gateway escapes chat text.
  const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

  function visible(text) {
    return text.replace(UNSAFE, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff
        ? '\\x' + code.toString(16).toUpperCase().padStart(2, '0')
        : '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    });
  }

  function kindOf(line) {
    if (line.startsWith('! ')) return 'alarm';
    if (line.startsWith('ERR ')) return 'err';
    if (line.startsWith('* ')) return 'notice';
    if (/^<[^<>\s]+> /.test(line)) return 'chat';
    return 'reply';
  }

  function show(text, kind) {
    const nearBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    const item = document.createElement('li');
    item.className = 'line ' + kind;
    item.textContent = visible(text);
    transcript.appendChild(item);
    while (transcript.childElementCount > MAX_LINES) {
      transcript.firstElementChild.remove();
    }
    if (nearBottom || kind === 'sent') {
      transcript.scrollTop = transcript.scrollHeight;
    }
  }

  function raiseAlarm(text) {
    const banner = document.createElement('div');
    banner.className = 'alarm-banner alarm';
    banner.setAttribute('role', 'alert');
    const message = document.createElement('span');
    message.className = 'text';
    message.textContent = visible(text);
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'dismiss';
    dismiss.textContent = 'Dismiss';
    dismiss.setAttribute('aria-label', 'Dismiss alarm');
    dismiss.addEventListener('click', () => {
      banner.remove();
      input.focus();
    });
    banner.append(message, dismiss);
    alarms.prepend(banner);
  }

  // One line of /alarms: ID TIME text.
  const LISTED = /^(\d+-\d+) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) (.*)$/;

  function utc(time) {
    return time.replace('T', ' ').replace('Z', ' UTC');
  }

  // The alarms sent before this page connected: the newest in view, all of them listed.
  function showRecentAlarms(listed) {
    recentAlarms.hidden = listed.length === 0;
    if (listed.length === 0) return;
    const newest = listed[listed.length - 1];
    const summary = recentAlarms.querySelector('summary');
    summary.querySelector('.label').textContent =
      listed.length === 1 ? 'Last alarm' : 'Last of ' + listed.length + ' recent alarms';
    summary.querySelector('.at').textContent = utc(newest.at);
    summary.querySelector('.at').dateTime = newest.at;
    summary.querySelector('.text').textContent = visible(newest.text);
    const list = recentAlarms.querySelector('ol');
    list.replaceChildren(...listed.map((alarm) => {
      const item = document.createElement('li');
      item.textContent = utc(alarm.at) + '  ' + visible(alarm.text);
      item.title = 'alarm ' + alarm.id;
      return item;
    }));
  }

  // Takes a line of the answer to the page's own /alarms; false for any other line,
  // such as a chat line that arrives meanwhile.
  function takeListed(line) {
    if (listing === null) return false;
    if (line === '.') {
      showRecentAlarms(listing);
      listing = null;
      return true;
    }
    const match = LISTED.exec(line);
    if (match) {
      listing.push({ id: match[1], at: match[2], text: match[3] });
      return true;
    }
    if (line.startsWith('ERR ')) listing = null;
    return false;
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
    connectButton.hidden = state !== 'closed';
  }

  // The server closed on purpose when its last line was a goodbye or an error
  // (/quit, a kick, idle, too long, full); then only the person reconnects.
  function closedOnPurpose() {
    return lastLine.startsWith('BYE') || lastLine.startsWith('ERR ');
  }

  function connect() {
    clearTimeout(retryTimer);
    lastLine = '';
    setStatus(attempt === 0 ? 'connecting' : 'reconnecting', attempt === 0 ? 'connecting' : 'reconnecting');
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('connected', 'connected');
      // Quietly: the answer fills the recent alarms, not the transcript.
      listing = [];
      ws.send('/alarms');
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      if (takeListed(event.data)) return;
      lastLine = event.data;
      const kind = kindOf(event.data);
      show(event.data, kind);
      if (kind === 'alarm') raiseAlarm(event.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (closedOnPurpose()) {
        setStatus('closed', 'closed: ' + visible(lastLine));
        show('connection closed', 'local');
        return;
      }
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
      const jittered = Math.round(delay * (0.8 + Math.random() * 0.4));
      attempt++;
      setStatus('reconnecting', 'reconnecting in ' + (jittered / 1000).toFixed(1) + ' s');
      show('connection lost; reconnecting', 'local');
      retryTimer = setTimeout(connect, jittered);
    };
  }

  function send(text) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      show('not connected; not sent: ' + text, 'local');
      return false;
    }
    socket.send(text);
    show(text, 'sent');
    return true;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (text === '') return;
    if (send(text)) {
      if (history[history.length - 1] !== text) history.push(text);
      if (history.length > MAX_HISTORY) history.shift();
      historyIndex = history.length;
      draft = '';
      input.value = '';
    }
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowUp' && historyIndex > 0) {
      if (historyIndex === history.length) draft = input.value;
      historyIndex--;
      input.value = history[historyIndex];
    } else if (event.key === 'ArrowDown' && historyIndex < history.length) {
      historyIndex++;
      input.value = historyIndex === history.length ? draft : history[historyIndex];
    } else {
      return;
    }
    event.preventDefault();
    input.setSelectionRange(input.value.length, input.value.length);
  });

  connectButton.addEventListener('click', () => {
    attempt = 0;
    connect();
    input.focus();
  });

  connect();
})();
