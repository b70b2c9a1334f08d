import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TotpConfirmResponse, TotpEnrolment } from '@inspector/contracts';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { In, IsNull, type Repository } from 'typeorm';
import { SecretsService } from '../../secrets/secrets.service';
import { UserSecondFactor } from '../../users/user-second-factor';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { UserTotpEntity } from './user-totp.entity';

const ISSUER = 'Inspector';
/** One step either side (30 s): a phone clock a little off still works; the replay guard covers the wider window. */
const TOLERANCE_SECONDS = 30;

export type SecondFactorProof = { code: string } | { recoveryCode: string };

/** TOTP authenticators (RFC 6238, otplib) and recovery codes of local users: the only code that touches their tables. */
@Injectable()
export class TotpService extends UserSecondFactor {
  constructor(
    @InjectRepository(UserTotpEntity) private readonly authenticators: Repository<UserTotpEntity>,
    @InjectRepository(RecoveryCodeEntity) private readonly recoveryCodes: Repository<RecoveryCodeEntity>,
    private readonly secrets: SecretsService,
  ) {
    super();
  }

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.enabledAmong([userId])).has(userId);
  }

  async enabledAmong(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.authenticators.find({ where: { userId: In(userIds) }, select: { userId: true, enabledAt: true } });
    return new Set(rows.filter((row) => row.enabledAt !== null).map((row) => row.userId));
  }

  /** A new pending secret (replacing any earlier pending one); it counts only once `confirm` has seen a code from it. */
  async start(userId: string, username: string): Promise<TotpEnrolment> {
    if (await this.isEnabled(userId)) throw new ConflictException('Two-factor authentication is already on; an admin can reset it');
    const secret = generateSecret();
    const sealed = this.secrets.seal({ value: secret, source: 'stored' }, owner(userId));
    await this.authenticators.save({ userId, secret: sealed, enabledAt: null, lastTimeStep: null, createdAt: new Date() });
    const otpauthUrl = generateURI({ issuer: ISSUER, label: username, secret });
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl) };
  }

  /** Turns a pending secret on with a first code, and gives the recovery codes (kept only as hashes) this once. */
  async confirm(userId: string, code: string): Promise<TotpConfirmResponse | null> {
    const pending = await this.authenticators.findOneBy({ userId });
    if (!pending || pending.enabledAt !== null) throw new BadRequestException('Start the enrolment first');
    if (!(await this.acceptCode(pending, code))) return null;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.authenticators.manager.transaction(async (manager) => {
      await manager.update(UserTotpEntity, { userId }, { enabledAt: new Date() });
      await manager.delete(RecoveryCodeEntity, { userId });
      await manager.insert(
        RecoveryCodeEntity,
        codes.map((recoveryCode) => ({ id: randomUUID(), userId, codeHash: hashRecoveryCode(recoveryCode), usedAt: null })),
      );
    });
    return { recoveryCodes: codes };
  }

  /** True when the proof is a fresh code of the user's confirmed authenticator, or one of their unused recovery codes (spent now). */
  async verify(userId: string, proof: SecondFactorProof): Promise<boolean> {
    if ('recoveryCode' in proof) {
      // Conditional update: of two concurrent uses of one code, only one changes the row.
      const spent = await this.recoveryCodes.update({ userId, codeHash: hashRecoveryCode(proof.recoveryCode), usedAt: IsNull() }, { usedAt: new Date() });
      return spent.affected === 1;
    }
    const authenticator = await this.authenticators.findOneBy({ userId });
    return authenticator?.enabledAt != null && (await this.acceptCode(authenticator, proof.code));
  }

  async remove(userId: string): Promise<boolean> {
    const removed = await this.authenticators.delete({ userId });
    await this.recoveryCodes.delete({ userId });
    return (removed.affected ?? 0) > 0;
  }

  /** Checks the code and records its time step; a code at or before the last accepted step is refused (no replay). */
  private async acceptCode(authenticator: UserTotpEntity, code: string): Promise<boolean> {
    const secret = this.secrets.resolve(authenticator.secret, owner(authenticator.userId)).reveal();
    const result = await verify({
      secret,
      token: code,
      epochTolerance: TOLERANCE_SECONDS,
      ...(authenticator.lastTimeStep === null ? {} : { afterTimeStep: authenticator.lastTimeStep }),
    });
    if (!result.valid || !('timeStep' in result)) return false;
    // Conditional on the step read above, so two concurrent logins with one code cannot both pass.
    const recorded = await this.authenticators.update(
      { userId: authenticator.userId, lastTimeStep: authenticator.lastTimeStep === null ? IsNull() : authenticator.lastTimeStep },
      { lastTimeStep: result.timeStep },
    );
    return recorded.affected === 1;
  }
}

function owner(userId: string) {
  return { table: 'user_totp', column: 'secret', id: userId };
}
