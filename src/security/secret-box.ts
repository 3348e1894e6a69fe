/**
 * Encryption at rest for carrier and model credentials: AES-256-GCM with SECRET_KEY, a fresh
 * 96-bit nonce per value, and the owning record bound in as associated data so a ciphertext copied
 * onto another workspace's row does not decrypt there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  /** Encrypts `plaintext`; `context` (e.g. "workspace:ws_…:twilio") must be given again to decrypt. */
  seal(plaintext: string, context: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, nonce.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
  }

  /** Decrypts what `seal` made for the same context; throws if it was tampered with or moved. */
  open(sealed: string, context: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== VERSION || !nonce || body === undefined || !tag) throw new Error('Unrecognized ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
