/** "http://hub:8740/" and "http://hub:8740" are the same hub; paths are appended to it verbatim. */
export function normalizeHubUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function hubEndpoint(hubUrl: string, path: string): string {
  return `${normalizeHubUrl(hubUrl)}${path}`;
}

/** The live socket lives on the same origin, over ws:// or wss:// to match http:// or https://. */
export function hubSocketUrl(hubUrl: string, path: string): string {
  return hubEndpoint(hubUrl, path).replace(/^http/, 'ws');
}
