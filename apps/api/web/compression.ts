// Compressed answers (gzip or brotli, as the client accepts) for the API's JSON and index.html.
// The built bundles are compressed once and cached by serve-web-ui.ts, so they arrive here with
// their Content-Encoding set and pass through. Downloads pass through too: XLSX, DOCX and PDF are
// compressed formats already (the default filter only takes compressible types), evidence files
// keep their bytes and lengths as stored, and nothing streams events (no text/event-stream).
import * as zlib from 'node:zlib';
import compression from 'compression';
import type { Request, Response } from 'express';

/** Answers smaller than this go as they are (the headers would cost more than they save). */
export const COMPRESS_THRESHOLD_BYTES = 1024;

export function compressResponses() {
  return compression({
    threshold: COMPRESS_THRESHOLD_BYTES,
    // brotli at a moderate level: each answer is compressed as it is sent.
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
    filter: (request: Request, response: Response) => {
      if (response.getHeader('Content-Disposition')) return false; // a file download: its bytes as stored
      const type = String(response.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return compression.filter(request, response);
    },
  });
}
