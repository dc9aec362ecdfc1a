// autocannon ships no types; bench/api.ts uses only this much of it.
declare module 'autocannon' {
  interface Result {
    requests: { average: number };
    non2xx: number;
    errors: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  }
  function autocannon(opts: { url: string; connections?: number; duration?: number; timeout?: number; headers?: Record<string, string> }): Instance;
  export default autocannon;
}
