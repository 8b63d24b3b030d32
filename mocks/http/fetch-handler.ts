/**
 * A network element as a web-standard fetch handler. The same handler is
 * served on a real port ({@link serveHandler}), mounted in MSW, or called
 * directly in a test.
 */
export type FetchHandler = (request: Request) => Promise<Response>;
