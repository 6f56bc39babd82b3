import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './respond.js';

/**
 * The request body, at most `max` bytes. Over the limit (by Content-Length or while reading) the client gets
 * 413 and the connection is closed, so the rest is never read; returns null when it answered the client.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<Buffer | null> {
  const tooLarge = () => {
    res.setHeader('connection', 'close');
    sendError(res, 413, 'body_too_large', `the request body is over the gateway's maxBodyBytes of ${max} bytes`);
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    tooLarge();
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        tooLarge();
        resolve(null);
        return;
      }
      chunks.push(c);
      // The whole declared body is here: no need to wait a tick for 'end'.
      if (size === declared) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > max ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', () => resolve(null));
    req.once('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}
