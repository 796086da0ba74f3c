// Raw UTF-8 in a request line (`curl "http://host/api/v1/search?q=电缆"` sends the bytes as they
// are) is refused by Node's HTTP parser before any of our code runs: a 400 with an empty body.
// Browsers and HTTP libraries percent-encode such bytes; this does the same for every request of a
// connection, before the parser sees them. Plain JavaScript, like runtime/web-server.mjs.
//
// To find each request line it follows the framing of the bytes that pass (header lines,
// Content-Length and chunked bodies) without holding anything back: every byte goes on at once,
// so the server's slow-client timeouts see the same traffic. Bodies and headers pass untouched.
// Anything it does not follow (an upgrade, CONNECT, conflicting or odd framing) switches it to
// passing everything through as is, and Node's parser judges the request as before.

const LF = 0x0a;
const CR = 0x0d;
/** Header lines longer than this are not inspected (Node refuses headers over 16 KiB anyway). */
const MAX_INSPECTED_LINE = 8192;
const HEX = '0123456789ABCDEF';

/** A stateful encoder for one connection: call it with each chunk read, in order. */
export function createRequestLineEncoder() {
  /** 'line' (request line), 'headers', 'body', 'chunk-size', 'chunk-data', 'chunk-end', 'trailers', 'raw'. */
  let state = 'line';
  let line = [];
  let lineTooLong = false;
  let remaining = 0;
  let framing = freshFraming();

  const endHeaderLine = () => {
    const text = lineTooLong ? undefined : Buffer.from(line).toString('latin1').replace(/\r$/, '');
    line = [];
    const wasTooLong = lineTooLong;
    lineTooLong = false;
    return wasTooLong ? null : text;
  };

  return function encode(chunk) {
    if (state === 'raw') return chunk;
    const out = [];
    let start = 0;
    const flush = (end) => {
      if (end > start) out.push(chunk.subarray(start, end));
      start = end;
    };
    for (let i = 0; i < chunk.length; ) {
      if (state === 'raw') break;
      if (state === 'body' || state === 'chunk-data') {
        const take = Math.min(remaining, chunk.length - i);
        i += take;
        remaining -= take;
        if (remaining === 0) state = state === 'body' ? 'line' : 'chunk-end';
        continue;
      }
      const byte = chunk[i];
      if (state === 'line') {
        if (byte >= 0x80) {
          flush(i);
          out.push(Buffer.from(`%${HEX[byte >> 4]}${HEX[byte & 15]}`, 'latin1'));
          start = i + 1;
          line.push(0x25);
        } else if (byte === LF) {
          const text = endHeaderLine();
          // Empty lines before a request line are allowed; a request line starts the headers.
          if (text === null) state = 'raw';
          else if (text) {
            framing = freshFraming();
            framing.connect = /^CONNECT /i.test(text);
            state = 'headers';
          }
        } else if (byte !== CR || line.length > 0) {
          pushByte(byte);
        }
        i++;
        continue;
      }
      if (byte !== LF) {
        pushByte(byte);
        i++;
        continue;
      }
      i++;
      const text = endHeaderLine();
      state = next(state, text);
    }
    flush(chunk.length);
    return out.length === 1 ? out[0] : Buffer.concat(out);
  };

  function pushByte(byte) {
    if (line.length < MAX_INSPECTED_LINE) line.push(byte);
    else lineTooLong = true;
  }

  /** The state after a complete line (null: too long to inspect) in a line state. */
  function next(current, text) {
    if (text === null) return current === 'headers' || current === 'trailers' ? current : 'raw';
    if (current === 'headers') {
      if (text === '') return afterHeaders();
      if (!readHeader(framing, text)) return 'raw';
      return 'headers';
    }
    if (current === 'chunk-size') {
      const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(text);
      if (!size) return 'raw';
      remaining = parseInt(size[1], 16);
      return remaining === 0 ? 'trailers' : 'chunk-data';
    }
    if (current === 'chunk-end') return text === '' ? 'chunk-size' : 'raw';
    // Trailers end with an empty line, like headers.
    return text === '' ? 'line' : 'trailers';
  }

  function afterHeaders() {
    if (framing.connect || framing.upgrade || framing.confused) return 'raw';
    if (framing.chunked && framing.length !== undefined) return 'raw';
    if (framing.chunked) return 'chunk-size';
    if (framing.length) {
      remaining = framing.length;
      return 'body';
    }
    return 'line';
  }
}

function freshFraming() {
  return { length: undefined, chunked: false, upgrade: false, connect: false, confused: false };
}

/** Notes what a header line says about the body's framing; false when the line is no header. */
function readHeader(framing, text) {
  const colon = text.indexOf(':');
  if (colon <= 0) return false;
  const name = text.slice(0, colon).trim().toLowerCase();
  const value = text.slice(colon + 1).trim();
  if (name === 'content-length') {
    if (!/^\d{1,15}$/.test(value) || (framing.length !== undefined && framing.length !== Number(value))) framing.confused = true;
    framing.length = Number(value);
  } else if (name === 'transfer-encoding') {
    if (/(^|,)\s*chunked\s*$/i.test(value)) framing.chunked = true;
    else framing.confused = true;
  } else if (name === 'upgrade') {
    framing.upgrade = true;
  }
  return true;
}

/**
 * Makes an http.Server read each connection through the encoder: the parser then reads the
 * socket's 'data' events (it would otherwise read the socket's handle directly, unseen) and each
 * chunk passes the encoder first. Registered before the server's own connection listener.
 */
export function encodeRawUrlBytes(server) {
  server.prependListener('connection', (socket) => {
    // Node's HTTP server consumes a socket's handle unless it is marked consumed already.
    if (socket._handle) socket._handle._consumed = true;
    const encode = createRequestLineEncoder();
    const emit = socket.emit;
    socket.emit = function (event, ...args) {
      if (event === 'data') return emit.call(this, event, encode(args[0]));
      return emit.call(this, event, ...args);
    };
  });
}
