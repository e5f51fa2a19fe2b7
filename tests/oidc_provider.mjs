// A real OpenID provider for the tests (issue 20): the certified `oidc-provider` package, run
// by tests/oidc_node.py on a loopback port. Usage: node tests/oidc_provider.mjs CONFIG_JSON,
// with {port, client_id, client_secret, redirect_uris, post_logout_redirect_uris}.
//
// The login page is a small form of our own (an e-mail or a name, no password): the account's
// e-mail is what was typed when it holds an "@". Consent is granted at once. A test may bend the
// next ID tokens through POST /__test/bend (JSON {claims: {...}, stranger: bool}): the token
// endpoint's ID token is then re-signed with the claims changed (null removes one), with the
// provider's own key, or with a key of the same kid that the JWKS does not hold.
import http from 'node:http';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${config.port}`;

async function rsaKey(kid) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' } };
}

const signing = await rsaKey('test-key-1');
const stranger = await rsaKey('test-key-1');
let bend = { claims: {}, stranger: false };

function account(accountId) {
  const email = accountId.includes('@') ? accountId.toLowerCase() : undefined;
  return {
    accountId,
    async claims() {
      return { sub: accountId, email, email_verified: email ? true : undefined, name: accountId };
    },
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: config.client_id,
      client_secret: config.client_secret,
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: config.redirect_uris,
      post_logout_redirect_uris: config.post_logout_redirect_uris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  jwks: { keys: [signing.jwk] },
  acrValues: ['substantial', 'high'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  findAccount: (ctx, sub) => account(sub),
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  // Like Ansattporten and Entra ID: the e-mail and name in the ID token itself.
  conformIdTokenClaims: false,
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // First-party client: consent is given at once.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

// Bend the ID token the token endpoint hands out, when a test asked for it.
provider.use(async (ctx, next) => {
  await next();
  const bent = Object.keys(bend.claims).length || bend.stranger;
  if (ctx.path !== '/token' || !bent || !ctx.body?.id_token) {
    return;
  }
  const claims = decodeJwt(ctx.body.id_token);
  for (const [name, value] of Object.entries(bend.claims)) {
    if (value === null) delete claims[name];
    else claims[name] = value;
  }
  const header = decodeProtectedHeader(ctx.body.id_token);
  const key = bend.stranger ? stranger : signing;
  ctx.body = {
    ...ctx.body,
    id_token: await new SignJWT(claims)
      .setProtectedHeader({ alg: header.alg, kid: key.jwk.kid })
      .sign(key.privateKey),
  };
});

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="nb"><head><title>Testporten</title></head><body>
<h1>Testporten</h1><p>Innlogging for ${escape(details.params.client_id)}</p>
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Brukernavn</label> <input id="login" name="login" autofocus>
<button type="submit">Logg inn hos Testporten</button></form></body></html>`);
    return;
  }
  const login = new URLSearchParams(await body(req)).get('login')?.trim();
  if (!login) {
    res.writeHead(400).end('login missing');
    return;
  }
  await provider.interactionFinished(req, res, {
    login: { accountId: login, acr: 'substantial', amr: ['pwd'] },
  });
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const match = url.pathname.match(/^\/interaction\/([\w-]+)$/);
    if (match) {
      await interaction(req, res, match[1]);
    } else if (url.pathname === '/__test/bend' && req.method === 'POST') {
      const asked = JSON.parse((await body(req)) || '{}');
      bend = { claims: asked.claims || {}, stranger: Boolean(asked.stranger) };
      res.writeHead(204).end();
    } else {
      callback(req, res);
    }
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
  }
});
server.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`listening ${issuer}\n`);
});
