// A real OpenID provider (oidc-provider) for the single sign-on suites, run as a child process
// (oidc-provider is ESM-only and must never be loaded by Jest). Arguments: port, duban's public URLs
// (comma-separated: one test may run several duban APIs),
// then a JSON object of accounts { <login>: { name, preferred_username, employee_no } }.
// Any login/password is accepted by the provider's development sign-in form (devInteractions);
// an account not in the list gets preferred_username = login and employee_no = 'E-' + login.
// Prints `READY <issuer>` once it listens.
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const publicUrls = process.argv[3].split(',');
const accounts = JSON.parse(process.argv[4] ?? '{}');
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'duban',
      client_secret: 'duban-test-secret',
      redirect_uris: publicUrls.map((url) => `${url}/auth/oidc/callback`),
      post_logout_redirect_uris: publicUrls.map((url) => `${url}/`),
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'employee_no'] },
  async findAccount(ctx, sub) {
    const known = accounts[sub] ?? {};
    return {
      accountId: sub,
      async claims() {
        return { sub, name: known.name ?? `测试 ${sub}`, preferred_username: known.preferred_username ?? sub, employee_no: known.employee_no ?? `E-${sub}` };
      },
    };
  },
  pkce: { required: () => true },
  features: { rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['duban-test-cookie-key-0123456789'] },
});
provider.listen(port, '127.0.0.1', () => console.log(`READY ${issuer}`));
