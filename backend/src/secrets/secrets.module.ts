import { Global, Module } from '@nestjs/common';
import { Keyring } from '../crypto/keyring';
import { SecretCipher } from '../crypto/secret-cipher';
import { SecretsService } from './secrets.service';
import { SecretsStartupCheck } from './secrets-startup.check';

/** One keyring per process, derived from APP_CONFIG by SecretsService and shared with rotation and startup checks. */
@Global()
@Module({
  providers: [
    SecretsService,
    SecretsStartupCheck,
    { provide: SecretCipher, useFactory: (secrets: SecretsService) => secrets.cipher, inject: [SecretsService] },
    { provide: Keyring, useFactory: (cipher: SecretCipher) => cipher.keyring, inject: [SecretCipher] },
  ],
  exports: [SecretsService, SecretCipher, Keyring],
})
export class SecretsModule {}
