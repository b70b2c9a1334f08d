import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { HostPolicy, REPLICA_HOSTS } from '../net';

/** Where live views may be forwarded: the `REPLICA_HOSTS` rules with REPLICA_ALLOWED_HOSTS. */
@Injectable()
export class ReplicaHosts extends HostPolicy {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(REPLICA_HOSTS, config.replicas.allowedHosts);
  }
}
