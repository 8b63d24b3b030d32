import { test, expect } from '@playwright/test';
import { AnswerParseError, AnswerReader, MAX_HEAD_BYTES, type ReadAnswer } from './answer-reader.js';

/** Feeds `wire` to a fresh reader in slices of `slice` bytes; the answer and how many bytes it took. */
function read(wire: string | Buffer, slice = Infinity, method = 'POST'): { answer: ReadAnswer | undefined; fedBytes: number } {
  const bytes = typeof wire === 'string' ? Buffer.from(wire, 'utf8') : wire;
  const reader = new AnswerReader();
  reader.reset(method);
  for (let at = 0; at < bytes.length; at += slice) {
    const answer = reader.push(bytes.subarray(at, Math.min(bytes.length, at + slice)));
    if (answer) return { answer, fedBytes: Math.min(bytes.length, at + slice) };
  }
  return { answer: reader.end(), fedBytes: bytes.length };
}

const BODY = '{"vectors":[{"rand":"00"}],"name":"Zoë Łukasiewicz 東京"}';
const LENGTH_FRAMED = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\nServer-Timing: el;dur=1.5\r\n\r\n${BODY}`;
const CHUNKED =
  'HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n' +
  `5;ext=1\r\n${BODY.slice(0, 5)}\r\n${Buffer.byteLength(BODY.slice(5)).toString(16).toUpperCase()}\r\n${BODY.slice(5)}\r\n0\r\nx-trailer: yes\r\n\r\n`;

test('a length-framed answer reads the same whole or one byte at a time, UTF-8 split across slices included', () => {
  for (const slice of [Infinity, 1, 3, 7]) {
    const { answer } = read(LENGTH_FRAMED, slice);
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(BODY)), 'server-timing': 'el;dur=1.5' },
      text: BODY,
      keepAlive: true,
    });
  }
});

test('a chunked answer: extensions ignored, trailers skipped, whatever the slicing', () => {
  for (const slice of [Infinity, 1, 2, 5]) {
    const { answer } = read(CHUNKED, slice);
    expect(answer?.status).toBe(201);
    expect(answer?.text).toBe(BODY);
    expect(answer?.keepAlive).toBe(true);
  }
});

test('interim 1xx answers are skipped; HEAD, 204 and 304 answers have no body', () => {
  expect(read(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n${LENGTH_FRAMED}`).answer?.text).toBe(BODY);
  const head = read('HTTP/1.1 200 OK\r\ncontent-length: 120\r\n\r\n', Infinity, 'HEAD').answer;
  expect(head).toMatchObject({ status: 200, text: '', keepAlive: true });
  expect(read('HTTP/1.1 204 No Content\r\n\r\n').answer).toMatchObject({ status: 204, text: '' });
  expect(read('HTTP/1.1 304 Not Modified\r\ncontent-length: 10\r\n\r\n').answer).toMatchObject({ status: 304, text: '' });
});

test('without framing the body runs to the end of the connection, which is then not reused', () => {
  const reader = new AnswerReader();
  reader.reset('GET');
  expect(reader.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\npart one, '))).toBeUndefined();
  expect(reader.push(Buffer.from('part two'))).toBeUndefined();
  expect(reader.end()).toMatchObject({ status: 200, text: 'part one, part two', keepAlive: false });
});

test('an answer cut short is not an answer', () => {
  const reader = new AnswerReader();
  reader.reset('POST');
  expect(reader.push(Buffer.from(LENGTH_FRAMED.slice(0, -4)))).toBeUndefined();
  expect(reader.end()).toBeUndefined();
});

test('connection: close, HTTP/1.0 and bytes past the answer each keep the connection from being reused', () => {
  expect(read('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}').answer?.keepAlive).toBe(false);
  expect(read('HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\n{}').answer?.keepAlive).toBe(false);
  expect(read('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\ncontent-length: 2\r\n\r\n{}').answer?.keepAlive).toBe(true);
  const reader = new AnswerReader();
  reader.reset('POST');
  expect(reader.push(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}HTTP/1.1'))?.keepAlive).toBe(false);
  expect(reader.overrun).toBe(true);
});

test('repeated headers are joined; names are lower case', () => {
  const { answer } = read('HTTP/1.1 200 OK\r\nVia: a\r\nvia: b\r\nContent-Length: 0\r\n\r\n');
  expect(answer?.headers['via']).toBe('a, b');
});

test('what is not HTTP/1.1 is refused with the code node:http would give', () => {
  const refused = (wire: string, method = 'POST') => {
    try {
      read(wire, Infinity, method);
    } catch (error) {
      expect(error).toBeInstanceOf(AnswerParseError);
      return (error as AnswerParseError).code;
    }
    return 'accepted';
  };
  expect(refused('SSH-2.0-OpenSSH_9.2\r\n\r\n')).toBe('HPE_INVALID_CONSTANT');
  expect(refused('HTTP/2 200\r\n\r\n')).toBe('HPE_INVALID_CONSTANT');
  expect(refused('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')).toBe('HPE_INVALID_HEADER_TOKEN');
  expect(refused('HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}')).toBe('HPE_INVALID_CONTENT_LENGTH');
  expect(refused('HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n')).toBe('HPE_INVALID_CONTENT_LENGTH');
  expect(refused('HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n')).toBe('HPE_INVALID_TRANSFER_ENCODING');
  expect(refused('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n')).toBe('HPE_INVALID_CHUNK_SIZE');
  expect(refused('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nabc\r\n')).toBe('HPE_STRICT');
  expect(refused(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(MAX_HEAD_BYTES)}`)).toBe('HPE_HEADER_OVERFLOW');
  // The same content-length twice is one length.
  expect(refused('HTTP/1.1 200 OK\r\ncontent-length: 2, 2\r\n\r\n{}')).toBe('accepted');
});

test('one reader serves answer after answer on the same connection', () => {
  const reader = new AnswerReader();
  for (let i = 0; i < 3; i++) {
    reader.reset('POST');
    expect(reader.push(Buffer.from(LENGTH_FRAMED))?.text).toBe(BODY);
    reader.reset('POST');
    expect(reader.push(Buffer.from(CHUNKED))?.text).toBe(BODY);
  }
});
