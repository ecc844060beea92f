// A real SMTP server (smtp-server) for tests, run as a CHILD process (controller: smtp-sink.ts; not named
// smtp-sink.cjs because Jest would resolve './smtp-sink' to the .cjs before the .ts) so it can be stopped and
// restarted on the same port (an outage) and never shares the test's event loop.
//   node smtp-sink-child.cjs <port> <jsonl file> [options JSON]
// options: { reject: [addresses → 550 at RCPT], tempfail: [addresses → 451 at RCPT],
//            answer421: true (every connection gets "421" and is closed), auth: { user, pass } (else 535),
//            rejectData: [addresses → 554 after DATA] }
// Each accepted message is appended to the file as one JSON line { at, from, to, raw }.
// Prints "READY <port>" once listening.
const fs = require('node:fs');
const { SMTPServer } = require('smtp-server');

const port = Number(process.argv[2]);
const file = process.argv[3];
const options = JSON.parse(process.argv[4] || '{}');
const lower = (list) => new Set((list || []).map((a) => String(a).toLowerCase()));
const reject = lower(options.reject);
const tempfail = lower(options.tempfail);
const rejectData = lower(options.rejectData);

function smtpError(code, text) {
  const error = new Error(text);
  error.responseCode = code;
  return error;
}

const server = new SMTPServer({
  name: 'sink.duban.test',
  banner: 'duban test sink',
  disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
  authOptional: !options.auth,
  allowInsecureAuth: true,
  logger: false,
  size: 10 * 1024 * 1024,
  onConnect(session, callback) {
    if (options.answer421) return callback(smtpError(421, 'sink.duban.test Service not available, closing transmission channel'));
    callback();
  },
  onAuth(auth, session, callback) {
    if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
    callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
  },
  onMailFrom(address, session, callback) {
    if (options.auth && !session.user) return callback(smtpError(530, '5.7.0 Authentication required'));
    callback();
  },
  onRcptTo(address, session, callback) {
    const to = address.address.toLowerCase();
    if (reject.has(to)) return callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`));
    if (tempfail.has(to)) return callback(smtpError(451, `4.2.0 <${address.address}>: Mailbox temporarily unavailable`));
    callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address);
      if (to.some((a) => rejectData.has(a.toLowerCase()))) return callback(smtpError(554, '5.7.1 Message content rejected'));
      const record = { at: new Date().toISOString(), from: session.envelope.mailFrom && session.envelope.mailFrom.address, to, raw: Buffer.concat(chunks).toString('utf8') };
      fs.appendFileSync(file, JSON.stringify(record) + '\n');
      callback(null, `2.0.0 Ok: queued as sink-${Date.now()}`);
    });
  },
});

server.on('error', (error) => process.stderr.write(`smtp-sink error: ${error.message}\n`));
server.listen(port, '127.0.0.1', () => process.stdout.write(`READY ${server.server.address().port}\n`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
