import { createControlPlaneClient } from '@controlplane/client';

/** Guards the promise that the client never sends an API key or token in clear text to another machine. */
describe('a client with a credential', () => {
  it('refuses a plain http:// URL of another host', () => {
    for (const credential of [{ apiKey: 'cp_secret' }, { token: () => 'jwt' }]) {
      expect(() =>
        createControlPlaneClient({ url: 'http://controlplane.example.com/graphql', ...credential }),
      ).toThrow(/clear text/);
    }
    expect(() =>
      createControlPlaneClient({ url: 'ftp://controlplane.example.com/graphql', apiKey: 'k' }),
    ).toThrow(/clear text/);
  });

  it('accepts https://, loopback http:// and an explicit opt-in', () => {
    const urls = [
      'https://controlplane.example.com/graphql',
      'http://127.0.0.1:4000/graphql',
      'http://localhost:4000/graphql',
    ];
    for (const url of urls) expect(() => createControlPlaneClient({ url, apiKey: 'k' })).not.toThrow();
    expect(() =>
      createControlPlaneClient({ url: 'http://10.0.0.5/graphql', apiKey: 'k', allowInsecureHttp: true }),
    ).not.toThrow();
    expect(() => createControlPlaneClient({ url: 'http://controlplane.example.com/graphql' })).not.toThrow();
  });

  it('takes either an API key or a token, not both', () => {
    expect(() =>
      createControlPlaneClient({ url: 'https://cp.example.com/graphql', apiKey: 'k', token: 't' }),
    ).toThrow(/either/);
  });
});
