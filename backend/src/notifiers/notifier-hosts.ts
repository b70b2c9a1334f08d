import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { HostPolicy, NOTIFIER_HOSTS } from '../net';

/** Where notifications may go: public hosts, and internal ones only when NOTIFIER_ALLOWED_HOSTS names them. */
@Injectable()
export class NotifierHosts extends HostPolicy {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(NOTIFIER_HOSTS, config.notifiers.allowedHosts);
  }
}
