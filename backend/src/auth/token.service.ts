import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

export interface TokenClaims {
  sub: string;
  jti: string;
  exp: number;
  /** Emergency tokens only: fingerprint of the emergency credentials they were issued under. */
  efp?: string;
}

const ALGORITHM = 'HS256';
/** Verified tokens remembered; beyond this the oldest is forgotten (and verified again if it comes back). */
const REMEMBERED_TOKENS = 10_000;

/** Names a signing secret without revealing it, so a token says which key to verify it with. */
function keyIdOf(secret: string): string {
  return createHmac('sha256', secret).update('inspector/jwt/key-id').digest('hex').slice(0, 16);
}

/**
 * Access tokens: HS256 pinned, `kid` header, `exp` required. AUTH_JWT_SECRET signs; each AUTH_JWT_SECRET_PREVIOUS
 * still verifies during a rotation.
 */
@Injectable()
export class TokenService {
  private readonly signing: { kid: string; secret: KeyObject };
  private readonly verifying: Map<string, KeyObject>;
  /**
   * Claims of tokens whose signature already checked out, by the whole token: a dashboard sends the same token with
   * every request, and checking its HMAC again each time cost ~3 % of the request thread. The keys cannot change while
   * the process runs, so the same string verifies the same way; only expiry is checked again.
   */
  readonly #verified = new Map<string, TokenClaims>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwtSecret, jwtSecretPrevious } = config.secrets;
    // Key objects once, at start: given a string, jsonwebtoken first tries to parse it as a public key on every call.
    this.signing = { kid: keyIdOf(jwtSecret), secret: createSecretKey(Buffer.from(jwtSecret, 'utf8')) };
    this.verifying = new Map([jwtSecret, ...jwtSecretPrevious].map((secret) => [keyIdOf(secret), createSecretKey(Buffer.from(secret, 'utf8'))]));
  }

  sign(subject: string, sessionId: string, options: { fingerprint?: string; now?: Date } = {}): { token: string; expiresAt: Date } {
    const now = options.now ?? new Date();
    const exp = Math.floor(now.getTime() / 1000) + this.config.auth.jwtExpiresInSeconds;
    const claims = { sub: subject, jti: sessionId, exp, iat: Math.floor(now.getTime() / 1000), ...(options.fingerprint ? { efp: options.fingerprint } : {}) };
    const token = jwt.sign(claims, this.signing.secret, {
      algorithm: ALGORITHM,
      keyid: this.signing.kid,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Throws 401 for anything but a well-formed, unexpired token signed by a configured secret. */
  verify(token: string): TokenClaims {
    const known = this.#verified.get(token);
    if (known) {
      // jsonwebtoken's own test: expired from the second `exp` names.
      if (Math.floor(Date.now() / 1000) < known.exp) return known;
      this.#verified.delete(token);
      throw new UnauthorizedException('Token expired');
    }
    const claims = Object.freeze(this.#check(token));
    if (this.#verified.size >= REMEMBERED_TOKENS) this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(token, claims);
    return claims;
  }

  #check(token: string): TokenClaims {
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    const secret = kid === undefined ? undefined : this.verifying.get(kid);
    if (!decoded || decoded.header.alg !== ALGORITHM || !secret) throw new UnauthorizedException('Invalid token');
    try {
      const claims = jwt.verify(token, secret, { algorithms: [ALGORITHM] });
      if (typeof claims !== 'object' || typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
        throw new UnauthorizedException('Invalid token');
      }
      return { sub: claims.sub, jti: claims.jti, exp: claims.exp, ...(typeof claims.efp === 'string' ? { efp: claims.efp } : {}) };
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new UnauthorizedException('Token expired');
      throw new UnauthorizedException('Invalid token');
    }
  }
}
