// The credentials each request carries: get_token goes with HTTP Basic alone, every other call
// with the token and the client id (and Basic as well unless turned off).

export interface Credentials {
  /** The `authorization` header value for HTTP Basic. */
  basicAuth: string;
  clientId: string;
  sendBasicAuthOnV2: boolean;
}

export function credentialsOf(options: {
  username: string;
  password: string;
  clientId: string | number;
  sendBasicAuthOnV2?: boolean | undefined;
}): Credentials {
  return {
    basicAuth:
      'Basic ' + Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64'),
    clientId: String(options.clientId),
    sendBasicAuthOnV2: options.sendBasicAuthOnV2 ?? true,
  };
}

/** @param token undefined for get_token, which signs in with Basic alone */
export function headersFor(
  credentials: Credentials,
  token: string | undefined,
  hasBody: boolean,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'Packline',
  };
  if (hasBody) headers['content-type'] = 'application/json';
  if (token === undefined) {
    headers.authorization = credentials.basicAuth;
  } else {
    headers.token = token;
    headers.client = credentials.clientId;
    if (credentials.sendBasicAuthOnV2) headers.authorization = credentials.basicAuth;
  }
  return headers;
}
