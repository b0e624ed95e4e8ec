/**
 * Times one request and how much the process's resident memory grew across it, for the tests
 * that send hostile files: they must be answered quickly and without gigabytes of memory.
 */
export interface Measured<T> {
  status: number;
  body: T;
  ms: number;
  /** Growth of resident memory across the request, in MB (can be negative). */
  rssMb: number;
  /** Size of the answer in bytes: a refusal must not echo the file back. */
  answerBytes: number;
}

export async function measureRequest<T = any>(send: () => Response | Promise<Response>): Promise<Measured<T>> {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  const res = await send();
  const text = await res.text();
  const ms = Math.round(performance.now() - start);
  const rssMb = Math.round((process.memoryUsage().rss - rss) / 1024 / 1024);
  return { status: res.status, body: JSON.parse(text) as T, ms, rssMb, answerBytes: text.length };
}
