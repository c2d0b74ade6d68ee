// Signs a teacher's access token with make-run style dev keys, as the gateway would (RS256, kid muse-user).
// Usage: node token.mjs <keys directory> <account id>
import { readFileSync } from 'node:fs';
import { createSign } from 'node:crypto';

const [keys, subject] = process.argv.slice(2);
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'muse-user' });
const claims = b64({ iss: 'https://muse.academy', sub: subject, upn: subject, groups: ['teacher'], name: 'Bench',
  zone: 'UTC', token_use: 'access', students: [], teachers: [], observes: [], iat: now, exp: now + 3600 });
const signature = createSign('RSA-SHA256').update(`${header}.${claims}`)
  .sign(readFileSync(`${keys}/private/user.pem`)).toString('base64url');
console.log(`${header}.${claims}.${signature}`);
