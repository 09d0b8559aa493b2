import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { ErrorCode } from '@oneplan/protocol';

function refusal(message: string) {
  return { errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] };
}

/**
 * JSON bodies up to `maxBodyBytes`. A body that is not JSON is left as `{}`, so
 * Apollo refuses it as a bad request instead of the Express integration
 * answering 500 for a missing `req.body`.
 */
export function jsonBody(maxBodyBytes: number): RequestHandler[] {
  return [
    express.json({ limit: maxBodyBytes }),
    (req, _res, next) => {
      req.body ??= {};
      next();
    },
  ];
}

/** Body-parser failures in the contract's words: 413 for too large, 400 for malformed. */
export const bodyRefusal: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _req, res, next) => {
  if (error.type === 'entity.too.large') {
    res.status(413).json(refusal('The request body is too large.'));
    return;
  }
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    res.status(error.status).json(refusal('The request body could not be read as JSON.'));
    return;
  }
  next(error);
};
