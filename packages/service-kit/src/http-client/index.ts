export { createHttpClient, type HttpClientDeps } from './client.ts';
export type { HttpClient, HttpClientOptions, HttpMethod, HttpRequest, HttpResponse } from './types.ts';
